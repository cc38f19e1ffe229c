-- expect-error: rep_empty_huge.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    string.rep("", 1 << 62)
    expect(1).is(1)
  end,
}
