-- expect-error: policies/misspelt_fact.lua:4: change has no field 'devcie'
scenario "a policy hook reads a fact that does not exist" {
  policy = "policies/misspelt_fact.lua",
  users = { alice = {} },
  lines = { ["1000"] = {} },
  devices = { desk = { owner = "alice", lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    sim:run_until("1m")
    expect(1).is(1)
  end,
}
