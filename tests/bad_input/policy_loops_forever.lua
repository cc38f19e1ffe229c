-- expect-error: policies/loops_forever.lua:6: instruction budget exhausted
scenario "a policy hook that never returns" {
  policy = "policies/loops_forever.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:call_at("1s", "+1555", "1000")
    sim:run_until("1m")
    expect(1).is(1)
  end,
}
