-- expect-error: cuc1_device_name_collision.lua:9: devices.soft_b: device name UPCJOHNNIEJACKS (derived from user johnniejackson) collides with soft_a's (derived from user johnnie_jackson)
-- also-from-check
scenario "two users whose names derive the same soft-phone device name" {
  policy = "cisco_cucm",
  users = { "johnnie_jackson", "johnniejackson" },
  lines = { ["1001"] = {}, ["1004"] = {} },
  devices = {
    soft_a = { kind = "softphone", owner = "johnnie_jackson", lines = { "1001" } },
    soft_b = { kind = "softphone", owner = "johnniejackson", lines = { "1004" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
