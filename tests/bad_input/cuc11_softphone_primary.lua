-- expect-error: cuc11_softphone_primary.lua:9: devices.soft2.primary: a soft phone (soft1) cannot be the primary phone
-- also-from-check
scenario "a soft phone as the primary of another device" {
  policy = "cisco_cucm",
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    soft1 = { kind = "softphone", owner = "alice", lines = { "1000" } },
    soft2 = { kind = "softphone", primary = "soft1", device_name = "UPCALICE2", lines = { "1000" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
