-- expect-error: engine_kept_mib_huge.lua:3: engine_kept_mib: engine_kept_mib must be from 1 to 1048576, not 1099511627777
-- 2^40 + 1 MiB: refused before any narrowing, never wrapped to 1.
scenario "a kept-memory limit past 1 TiB" { engine_kept_mib = (1 << 40) + 1,
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim) sim:run_until("1s") end,
}
