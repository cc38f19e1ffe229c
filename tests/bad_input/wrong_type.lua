-- expect-error: wrong_type.lua:7: devices.desk.kind: expected a string, got number
scenario "a field has the wrong type" {
  lines = { ["1000"] = {} },
  devices = {
    desk = {
      lines = { "1000" },
      kind = 42,
    },
  },
  steps = function(sim) expect(1).is(1) end,
}
