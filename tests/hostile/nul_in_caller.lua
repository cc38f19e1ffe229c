-- expect-error: nul_in_caller.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+15\0x", "1000")
    sim:run_until("10s")
    expect(1).is(1)
  end,
}
