-- expect-error: expect_without_relation.lua:8: expect(...) without a relation checks nothing: write expect(x).is(y)
scenario "an expect that checks nothing beside one that checks" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    sim:run_until("5s")
    expect(c.outcome)
    expect(c.state).is("alerting")
  end,
}
