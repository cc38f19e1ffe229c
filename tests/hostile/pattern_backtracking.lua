-- expect-error: pattern_backtracking.lua:4: string.find: the pattern has 4 repetition item(s)
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local s = string.rep("a", 400); for i = 1, 1000 do s:find(string.rep("a-", 4) .. "b") end
    expect(1).is(1)
  end,
}
