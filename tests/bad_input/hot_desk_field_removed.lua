-- expect-error: hot_desk_field_removed.lua:6: devices.desk.hot_desk: unknown field 'hot_desk'
-- The minimal hot desk is gone: a hot-desk device is an extension-mobility
-- one (extension_mobility = true and the user's device_profiles).
scenario "a device still marked with the removed hot_desk field" {
  lines = { ["1000"] = {} },
  devices = { desk = { owner = "alice", hot_desk = true, lines = { "1000" } } },
  users = { "alice" },
  steps = function(sim) expect(1).is(1) end,
}
