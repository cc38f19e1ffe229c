-- expect-error: caller_huge.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local s = string.rep("9", 30000000); for i = 1, 10000 do sim:call_at("1s", s, "1000") end
    expect(1).is(1)
  end,
}
