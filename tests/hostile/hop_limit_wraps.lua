-- expect-error: hop_limit_wraps.lua:3: hop_limit
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  hop_limit = (1 << 32) + 1,
  steps = function(sim) expect(1).is(1) end,
}
