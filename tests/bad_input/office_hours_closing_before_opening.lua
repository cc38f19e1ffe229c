-- expect-error: office_hours_closing_before_opening.lua:6: calendar.office_hours[1].to: closes at or before it opens: a span lies within one day (write a night shift as two spans)
-- also-from-check
scenario "office hours that close before they open" {
  calendar = {
    start = "Mon 09:00",
    office_hours = { { days = "weekdays", from = "18:00", to = "08:00" } },
  },
  lines = { ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
