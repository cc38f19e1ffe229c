-- expect-error: cti_outage_forever.lua:
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    for i = 1, 1e6 do sim:call_at("1s", "+1555", "1000") end
    sim:run_until("26000000d")
    expect(1).is(1)
  end,
}
