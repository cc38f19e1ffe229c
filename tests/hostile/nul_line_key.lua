-- expect-error: nul_line_key.lua:3: 
scenario "x" {
  lines = { ["\0"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
