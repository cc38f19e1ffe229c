-- expect-error: time_in_the_past.lua:7: 1s is in the past: the simulation is already at 10s
scenario "a stimulus scheduled before the current time" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:run_until("10s")
    sim:at("1s", "desk", "answer")
    expect(1).is(1)
  end,
}
