-- A loop the scenario intends: `expect_findings` marks it, so `pbxsim check`
-- passes.
scenario "an intended CFA loop, marked expected" {
  expect_findings = { "PBX-LOOP:1000" },
  lines = { ["1000"] = { cfa = "2000" }, ["2000"] = { cfa = "1000" } },
  steps = function(sim)
    local call = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(call.outcome).is("forward-limit")
  end,
}
