-- expect-error: gmatch_backtracking.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    for w in string.rep("a", 3000):gmatch(string.rep("a-", 8) .. "b") do end
    expect(1).is(1)
  end,
}
