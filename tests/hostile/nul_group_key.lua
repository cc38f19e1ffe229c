-- expect-error: nul_group_key.lua:3: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  groups = { ["\0"] = { number = "600", members = { "1000" } } },
  steps = function(sim) expect(1).is(1) end,
}
