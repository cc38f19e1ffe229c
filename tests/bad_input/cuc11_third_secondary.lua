-- expect-error: cuc11_third_secondary.lua:11: devices.soft3.primary: desk already has 2 secondary soft phones, the most a primary phone may have
-- also-from-check
scenario "a third secondary soft phone on one primary" {
  policy = "cisco_cucm",
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft1 = { kind = "softphone", primary = "desk", device_name = "UPCALICE1", lines = { "1000" } },
    soft2 = { kind = "softphone", primary = "desk", device_name = "UPCALICE2", lines = { "1000" } },
    soft3 = { kind = "softphone", primary = "desk", device_name = "UPCALICE3", lines = { "1000" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
