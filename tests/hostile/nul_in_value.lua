-- expect-error: nul_in_value.lua:5: 
scenario "x" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" },
    kind = "deskphone\0evil" } },
  steps = function(sim) expect(1).is(1) end,
}
