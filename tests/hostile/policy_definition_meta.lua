-- expect-pass
scenario "x" { policy = "policies/definition_meta.lua", lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim) expect(1).is(1) end,
}
