-- expect-error: expect_huge_failing.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local s = string.rep("a", 30000000); for i = 1, 10000 do expect(s).is(s .. "b") end
    expect(1).is(1)
  end,
}
