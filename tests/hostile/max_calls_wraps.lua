-- expect-error: max_calls_wraps.lua:4: devices.desk.lines[1].max_calls
scenario "x" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { { dn = "1000", max_calls = (1 << 32) + 2 } } } },
  steps = function(sim) expect(1).is(1) end,
}
