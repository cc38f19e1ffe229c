-- expect-error: trigger_bad_time_of_day.lua:7: profiles.Lunch.triggers[1].at: '25:00' is not a time of day: hours go to 23
-- also-from-check
scenario "a timed trigger at an hour that does not exist" {
  policy = "pascom",
  lines = { ["1000"] = {} },
  profiles = {
    Lunch = { triggers = { { at = "25:00", days = "weekdays" } } },
  },
  steps = function(sim) expect(1).is(1) end,
}
