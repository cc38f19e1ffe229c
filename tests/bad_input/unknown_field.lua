-- expect-error: unknown_field.lua:5: devices.desk.knd: unknown field 'knd'
scenario "a misspelt field is not silently ignored" {
  lines = { ["1000"] = {} },
  devices = {
    desk = { knd = "deskphone", lines = { "1000" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
