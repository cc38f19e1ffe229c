-- expect-error: zero_delay_loop.lua:10: more than 1000 events at simulated time 1s (the last: a scenario callback
-- A callback that re-arms itself at the same instant would never let time
-- pass: the run ends with an error naming the event, not a hang.
scenario "a callback that re-schedules itself without letting time pass is an error" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  max_events_per_instant = 1000,
  steps = function(sim)
    local function again() sim:at(sim:now() // 1000000, again) end  -- now, in whole seconds
    sim:at("1s", again); sim:run_until("1m")
  end,
}
