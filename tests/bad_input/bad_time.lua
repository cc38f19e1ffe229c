-- expect-error: bad_time.lua:6: '5 parsecs' is not a time: unknown unit 'parsecs'
scenario "a time with a unit pbxsim does not know" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("5 parsecs", "desk", "dnd", "reject")
    expect(1).is(1)
  end,
}
