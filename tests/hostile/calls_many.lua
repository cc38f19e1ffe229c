-- expect-error: calls_many.lua:4: sim:call_at: pbxsim would keep more than 64 MiB
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    for i = 1, 1e8 do sim:call_at("1s", "+1555", "1000") end
    expect(1).is(1)
  end,
}
