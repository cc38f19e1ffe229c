-- expect-error: boolean_key.lua:4: lines: a key is a boolean: keys must be names (strings) or whole numbers
-- also-from-check
scenario "a line keyed by a boolean" {
  lines = { [true] = {} },
  steps = function(sim) expect(1).is(1) end,
}
