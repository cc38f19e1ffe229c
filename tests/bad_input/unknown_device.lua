-- expect-error: unknown_device.lua:7: unknown device 'deks' (devices: desk)
scenario "a step names a device that does not exist" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:run_until("1s")
    sim:at("2s", "deks", "dnd", "reject")
    expect(1).is(1)
  end,
}
