-- expect-error: policies/bad_answer.lua:3: policy hook appearance returned 'ring'
scenario "a policy hook answers something pbxsim does not know" {
  policy = "policies/bad_answer.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:call_at("1s", "+1555", "1000")
    sim:run_until("1m")
    expect(1).is(1)
  end,
}
