-- expect-error: policies/dnd_device_huge.lua:3: policy hook dnd_changed returned entry 1 whose device is 8388608 bytes (limit 4096 bytes
-- dnd_changed answering 200 entries that each name an 8 MB device: refused
-- at the first, before C++ copies any.
scenario "a huge device name in dnd_changed" { policy = "policies/dnd_device_huge.lua",
  lines = { ["1000"] = {} }, users = { alice = { mode = "deskphone" } },
  devices = { desk = { lines = { "1000" }, owner = "alice" }, desk2 = { lines = { "1000" }, owner = "alice" } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "ringer-off")
    sim:run_until("10s")
    expect(1).is(1)
  end,
}
