-- expect-error: table_move_loop.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local t = {}; for i = 1, 1e6 do t[i] = i end; for i = 1, 1e9 do table.move(t, 1, #t, 1) end
    expect(1).is(1)
  end,
}
