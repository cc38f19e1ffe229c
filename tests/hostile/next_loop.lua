-- expect-pass
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local t = {}; for i = 1, 100000 do t["k" .. i] = i end; local k = next(t); while k do k = next(t, k) end
    expect(1).is(1)
  end,
}
