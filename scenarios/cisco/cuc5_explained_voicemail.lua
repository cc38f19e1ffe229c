-- CUC-5, explained: why did this call go to voicemail? Alice's line 1000
-- rings her desk phone and her soft phone. She sets DND call-reject on her
-- soft phone; presence carries it to her desk phone (CUC-7), so both
-- appearances reject. In soft-phone mode the call then goes to the line's
-- CFNA target, here her voicemail. The second scenario: the desk phone
-- rings out and no-answer sends the call to voicemail.
--
--   pbxsim explain scenarios/cisco/cuc5_explained_voicemail.lua \
--     --scenario "both appearances reject: the call goes to voicemail"
--
-- prints each step with the cisco_cucm rule (file:line) behind it and the
-- facts that rule read; tests/simulator/explain_test.cpp holds it to that.

local function alice(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-5" }
  def.users = { alice = { mode = "softphone" } }
  def.lines = { ["1000"] = { user = "alice", cfna = "voicemail" } }
  def.devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  }
  return def
end

scenario "both appearances reject: the call goes to voicemail" (alice {
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("5s")
    expect(c.skipped).is({ desk = "dnd-reject", soft = "dnd-reject" })
    expect(c.path).is({ "1000", "voicemail" })
    expect(c.outcome).is("voicemail")
  end,
})

scenario "nobody answers: no-answer sends the call to voicemail" (alice {
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run_until("30s")
    expect(c.alerted).is({ "desk", "soft" })
    expect(c.path).is({ "1000", "voicemail" })
    expect(c.outcome).is("voicemail")
  end,
})
