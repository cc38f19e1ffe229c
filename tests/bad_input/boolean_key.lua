-- expect-error: boolean_key.lua:3: a table key: keys must be names or numbers, not boolean
-- also-from-check
scenario "a line keyed by a boolean" {
  lines = { [true] = {} },
  steps = function(sim) expect(1).is(1) end,
}
