-- expect-error: expect_unknown_relation.lua:8: expect(...).equals: no such relation (relations: is, is_not, one_of,
scenario "a relation spelt as another test library spells it" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    sim:run_until("5s")
    expect(c.state).equals("alerting")
  end,
}
