-- Fails on purpose, like fails_on_purpose.lua, with a call before the one
-- the failed check is about (tests/viewer/viewer_model_test.cpp).
-- Alice's soft phone rejects in DND (CUC-7 spreads it to her desk phone), so
-- the second call goes to CFNA; the check below wrongly expects her desk to
-- answer it. It runs at 1m, long after the calls' events (0-7s), and is about
-- call-2: the viewer must open on call-2's events, not on empty lanes or call-1.
scenario "the second of two calls, expected at the desk, wrongly" {
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
    local first = sim:call_at("500ms", { from = "+14085550199", to = "3000" })
    sim:at("800ms", "cfna_phone", "answer")
    sim:at("900ms", "cfna_phone", "hangup")
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("6s", "cfna_phone", "answer")
    sim:run_until("1m")
    expect(first.outcome, "the first call").is("answered")
    expect(c.answered_by, "who answers the call").is("desk")
  end,
}
