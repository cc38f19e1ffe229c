-- expect-error: print_many.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    for i = 1, 1e8 do print(i) end
    expect(1).is(1)
  end,
}
