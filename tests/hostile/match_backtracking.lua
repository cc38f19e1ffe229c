-- expect-error: match_backtracking.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    for i = 1, 100 do string.rep("a", 2000):match(string.rep(".-", 10) .. "b") end
    expect(1).is(1)
  end,
}
