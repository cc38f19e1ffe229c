-- expect-error: calendar_wrong_weekday.lua:4: calendar.start: 2024-05-06 is a Mon, not a Tue
-- also-from-check
scenario "a start date and a weekday that disagree" {
  calendar = { start = "Tue 2024-05-06 08:00" },
  lines = { ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
