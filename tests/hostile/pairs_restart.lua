-- expect-error: pairs_restart.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local t = {}; for i = 1, 100000 do t["k" .. i] = i end; for i = 1, 1e9 do for k in pairs(t) do break end end
    expect(1).is(1)
  end,
}
