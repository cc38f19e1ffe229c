-- expect-pass
scenario "x" (setmetatable({ lines = { ["1000"] = {} }, steps = function(sim) expect(1).is(1) end },
  { __index = function(t, k) error("boom") end }))
