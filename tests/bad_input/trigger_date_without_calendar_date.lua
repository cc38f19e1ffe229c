-- expect-error: trigger_date_without_calendar_date.lua:8: profiles.Holiday.triggers[1]: a trigger on a date needs a calendar with a date
-- also-from-check
scenario "a dated trigger on a calendar that has only a weekday" {
  policy = "pascom",
  calendar = "Mon 08:00",
  lines = { ["1000"] = {} },
  profiles = {
    Holiday = { triggers = { { at = "00:00", date = "2024-12-24" } } },
  },
  steps = function(sim) expect(1).is(1) end,
}
