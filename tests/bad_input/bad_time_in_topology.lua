-- expect-error: bad_time_in_topology.lua:4: lines.1000.no_answer: '5 parsecs' is not a time
scenario "a no-answer timer in parsecs" {
  lines = {
    ["1000"] = { no_answer = "5 parsecs" },
  },
  steps = function(sim) expect(1).is(1) end,
}
