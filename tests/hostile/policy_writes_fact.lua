-- expect-error: policies/writes_fact.lua:3: 
scenario "x" { policy = "policies/writes_fact.lua", lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:call_at("1s", "+1555", "1000")
    sim:run_until("1m")
    expect(1).is(1)
  end,
}
