-- expect-error: unknown_server.lua:6: unknown server 'cti9' (servers: cti1)
scenario "a step takes down a server that does not exist" {
  policy = "cisco_cucm",
  servers = { cti1 = "cti" },
  steps = function(sim)
    sim:at("1s", "cti9", "down")
    expect(1).is(1)
  end,
}
