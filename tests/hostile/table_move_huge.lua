-- expect-error: table_move_huge.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    table.move({}, 1, 1 << 62, 1)
    expect(1).is(1)
  end,
}
