-- expect-error: busy_trigger_negative.lua:4: devices.desk.lines[1].busy_trigger
scenario "x" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { { dn = "1000", busy_trigger = -5 } } } },
  steps = function(sim) expect(1).is(1) end,
}
