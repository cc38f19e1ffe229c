-- Fails on purpose: the viewer's screenshot tests need a stored run with a
-- failed check to draw (tests/viewer/CMakeLists part of tests/CMakeLists.txt).
-- Alice's soft phone rejects in DND (CUC-7 spreads it to her desk phone), so
-- the call goes to CFNA; the check below wrongly expects her desk to answer.
scenario "a shared-line call that the test expects at the desk, wrongly" {
  policy = "cisco_cucm",
  covers = { "CUC-5" },
  users = { alice = { mode = "softphone" } },
  lines = { ["1000"] = { user = "alice", cfna = "3000" }, ["3000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
    cfna_phone = { kind = "deskphone", lines = { "3000" } },
  },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("6s", "cfna_phone", "answer")
    sim:run_until("20s")
    expect(c.answered_by, "who answers the call").is("desk")
  end,
}
