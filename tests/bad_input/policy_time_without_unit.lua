-- expect-error: policies/bad_no_answer_time.lua:6: policy.line_defaults.no_answer: a time needs a unit: write "15000s"
-- also-from-check
scenario "a policy whose no-answer time is a bare number" {
  policy = "policies/bad_no_answer_time.lua",
  lines = { ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
