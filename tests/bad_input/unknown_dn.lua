-- expect-error: unknown_dn.lua:5: devices.desk.lines[1]: unknown line '2000'
scenario "a device appears on a DN that is not declared" {
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", lines = { "2000" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
