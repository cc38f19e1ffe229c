-- expect-error: pattern_backtracking_long.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    string.rep("a", 5000):find(string.rep("a-", 12) .. "b")
    expect(1).is(1)
  end,
}
