-- expect-error: cuc11_deskphone_secondary.lua:9: devices.desk2.primary: only soft-phone devices can be secondaries; desk2 is a deskphone
-- also-from-check
scenario "a desk phone as a secondary device" {
  policy = "cisco_cucm",
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    desk2 = { kind = "deskphone", primary = "desk", lines = { "1000" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
