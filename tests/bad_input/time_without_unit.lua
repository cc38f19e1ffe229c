-- expect-error: time_without_unit.lua:4: lines.1000.no_answer: a time needs a unit: write "15000s" for seconds
-- also-from-check
scenario "a no-answer timer written as a bare number" {
  lines = { ["1000"] = { no_answer = 15000 } },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim) expect(1).is(1) end,
}
