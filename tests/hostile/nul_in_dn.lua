-- expect-error: nul_in_dn.lua:4: 
scenario "x" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000\0" } } },
  steps = function(sim) expect(1).is(1) end,
}
