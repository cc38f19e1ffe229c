-- expect-error: cuc12_licences_exceeded.lua:10: devices.bob_soft: soft phone bob_soft needs 3 device licence unit(s) but only 2 of the 6 authorised remain: provisioning refused
-- also-from-check
scenario "a soft phone beyond the authorised licence units" {
  policy = "cisco_cucm",
  licences = { authorised = 6 },
  users = { alice = { cupc = true }, bob = { cupc = true } },
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = {
    alice_desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    bob_soft = { kind = "softphone", owner = "bob", lines = { "2000" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
