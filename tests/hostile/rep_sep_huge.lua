-- expect-error: rep_sep_huge.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    string.rep("", 1 << 40, "")
    expect(1).is(1)
  end,
}
