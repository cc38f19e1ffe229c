-- expect-error: policies/hop_limit_wraps.lua:
scenario "x" { policy = "policies/hop_limit_wraps.lua", lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim) expect(1).is(1) end,
}
