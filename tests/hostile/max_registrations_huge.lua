-- expect-error: max_registrations_huge.lua:3: lines.1000.max_registrations
scenario "x" {
  lines = { ["1000"] = { max_registrations = math.maxinteger } },
  steps = function(sim) expect(1).is(1) end,
}
