-- expect-error: table_sort_loop.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local t = {}; for i = 1, 1e6 do t[i] = (i * 7919) % 1000003 end; for i = 1, 1e9 do table.sort(t) end
    expect(1).is(1)
  end,
}
