-- expect-error: engine_kept_mib_zero.lua:4: engine_kept_mib: engine_kept_mib must be from 1 to 1048576, not 0
-- The engine's kept-memory limit as a scenario field, outside its documented
-- range (1 MiB to 1 TiB).
scenario "a kept-memory limit of nothing" { engine_kept_mib = 0,
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim) sim:run_until("1s") end,
}
