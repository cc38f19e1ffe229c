-- The SIGKILL test's suite (tests/simulator/results_cli_test.cpp): these two
-- scenarios finish at once; b_slow.lua then runs until the test kills pbxsim.
scenario "a call is answered" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    sim:at("3s", "desk", "answer")
    sim:run()
    expect(c.outcome).is("answered")
  end,
}

scenario "a call nobody answers rings out" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    sim:run()
    expect(c.outcome).is("no-answer")
  end,
}
