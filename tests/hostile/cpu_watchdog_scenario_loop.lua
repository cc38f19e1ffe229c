-- expect-error: cpu_watchdog_scenario_loop.lua:7: CPU watchdog: the run used more than 1 s of CPU time
-- args: run {file} --lua-instructions 1000000000000000 --cpu-limit-s 1
-- With the instruction budget raised out of reach, the CPU watchdog is what
-- ends an endless loop: the same exit-2 error, naming its limit.
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    while true do end
  end,
}
