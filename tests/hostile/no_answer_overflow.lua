-- expect-error: no_answer_overflow.lua:3: lines.1000.no_answer
scenario "x" {
  lines = { ["1000"] = { no_answer = math.maxinteger } },
  steps = function(sim) expect(1).is(1) end,
}
