-- expect-error: em_unknown_profile_line.lua:6: device_profiles.jdoe-profile.lines[1]: unknown line '3001' (declare it under lines)
-- also-from-check
scenario "a device profile names a line that is not declared" {
  policy = "cisco_cucm",
  users = { "jdoe" },
  device_profiles = { ["jdoe-profile"] = { user = "jdoe", lines = { "3001" } } },
  steps = function(sim) expect(1).is(1) end,
}
