-- expect-error: key_is_table.lua:3: 
scenario "x" {
  devices = { [{}] = { lines = { "1000" } } }, lines = { ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
