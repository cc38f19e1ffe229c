-- Matrix: DND on a shared line. Vendor-neutral: no policy is named, so
-- `pbxsim matrix` runs these under every policy and `pbxsim run` under the
-- neutral base. The checks hold under any policy (each call ends exactly
-- once); what each policy does is recorded in dnd_shared_line.lua.golden.
--
-- Line 1000 is alice's, on her desk phone and her soft phone.

-- Every call ended with exactly one outcome, whatever the policy (CORE-5).
local function one_outcome_each(sim, calls)
  for _, c in ipairs(calls) do
    expect(#sim:trace { kind = "outcome", subject = "call-" .. c.id }, "outcomes of call-" .. c.id).is(1)
  end
end

-- alice's shared line; `line` sets its forward targets, `mode` her mode.
local function alice(def)
  def.users = { alice = { mode = def.mode or "softphone" } }
  def.lines = { ["1000"] = def.line or {}, ["2000"] = {}, ["3000"] = {} }
  def.lines["1000"].user = "alice"
  def.devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
    cfb_phone = { kind = "deskphone", lines = { "2000" } },
    cfna_phone = { kind = "deskphone", lines = { "3000" } },
  }
  def.mode, def.line = nil, nil
  return def
end

scenario "DND reject on the soft phone only: does the desk phone still ring?" (alice {
  description = "Presence may carry DND from one of a user's devices to the others (Cisco CUC-7).",
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("5s", "desk", "answer")
    sim:run()
    one_outcome_each(sim, { c })
  end,
})

scenario "every appearance in DND reject, soft-phone mode, the line has only a CFB target" (alice {
  line = { cfb = "2000" },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("5s", "cfb_phone", "answer")
    sim:run()
    one_outcome_each(sim, { c })
    expect(c.alerted, "a rejecting appearance is never alerted").lacks("desk")
  end,
})

scenario "every appearance in DND reject, desk-phone mode, the line has CFB and CFNA targets" (alice {
  mode = "deskphone", line = { cfb = "2000", cfna = "3000" },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("5s", "cfb_phone", "answer")
    sim:at("5s", "cfna_phone", "answer")
    sim:run()
    one_outcome_each(sim, { c })
  end,
})

scenario "ringer-off on the desk phone, nobody answers, the line has no CFNA target" (alice {
  line = { cfna = "none" },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "ringer-off")
    sim:at("1s", "soft", "dnd", "ringer-off")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run()
    one_outcome_each(sim, { c })
  end,
})
