-- expect-error: time_argument_without_unit.lua:6: bad argument #1 to 'call_at' (a time needs a unit: write "5s" for seconds
scenario "a call placed at a bare number" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at(5, "+1555", "1000")
    expect(c.outcome).is(nil)
  end,
}
