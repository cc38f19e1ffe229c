-- An expect_findings entry that nothing meets fails `pbxsim check`, so the
-- list cannot go stale when a topology is fixed.
scenario "expects a loop that is not there" {
  expect_findings = { "PBX-LOOP" },
  lines = { ["1000"] = { cfa = "2000" }, ["2000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "2000" } } },
  steps = function(sim) expect(true).is_true() end,
}
