-- expect-error: deep_table_expect.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local t = {}; for i = 1, 1e6 do t = { t } end; expect(t).is(t)
    expect(1).is(1)
  end,
}
