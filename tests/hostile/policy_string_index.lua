-- expect-error: policies/string_index.lua:
scenario "x" { policy = "policies/string_index.lua",
  lines = { ["1000"] = {} }, users = { alice = { mode = "deskphone" } },
  devices = { desk = { lines = { "1000" }, owner = "alice" }, desk2 = { lines = { "1000" }, owner = "alice" } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "ringer-off")
    sim:run_until("10s")
    expect(1).is(1)
  end,
}
