-- expect-error: meta_index_raises_no_steps.lua:4: the scenario needs steps = function(sim) ... end
-- No steps, and a metatable that raises on every missing field: the run
-- looks for `steps` raw (it aborted the process, the look being unprotected).
scenario "x" (setmetatable({ lines = { ["1000"] = {} } }, { __index = function(t, k) error("boom") end }))
