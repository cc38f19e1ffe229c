-- expect-error: deep_table_expect2.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local a, b = {}, {}; for i = 1, 1e6 do a = { a }; b = { b } end; expect(a).is(b)
    expect(1).is(1)
  end,
}
