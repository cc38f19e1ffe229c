-- expect-error: office_hours_unknown_weekday.lua:6: calendar.office_hours[2].days: unknown weekday 'fry' (mon ... sun, "weekdays" or "daily")
-- also-from-check
scenario "office hours on a misspelt weekday" {
  calendar = {
    start = "Mon 09:00",
    office_hours = { { days = "weekdays", from = "08:00", to = "12:00" }, { days = { "mon", "fry" }, from = "13:00", to = "17:00" } },
  },
  lines = { ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
