-- CUC-5: shared line with DND call-reject. Appearances not in call-reject DND
-- are alerted and the caller hears ringing. If every appearance of the line
-- rejects, the call goes to the CFNA target in soft-phone mode and to the CFB
-- target in desk-phone mode; with no such target the caller hears busy.
--
-- Line 1000 is alice's (her desk phone and soft phone). DND set on one of
-- alice's devices reaches her other one (CUC-7), so "alice in DND" means both
-- of her appearances reject.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

-- Fills in the topology: line 1000 belongs to alice (user = "alice", so her
-- mode decides) and appears on her desk and soft phones, and on bob's
-- assistant phone when `assistant` is true; its CFB target 2000 and CFNA
-- target 3000 each ring a phone of their own.
local function alice_line(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-5" }
  def.users = { alice = { mode = def.mode }, bob = {} }
  def.lines = { ["1000"] = def.line, ["2000"] = {}, ["3000"] = {} }
  def.devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
    cfb_phone = { kind = "deskphone", lines = { "2000" } },
    cfna_phone = { kind = "deskphone", lines = { "3000" } },
    assistant = def.assistant and { kind = "deskphone", owner = "bob", lines = { "1000" } } or nil,
  }
  def.line.user = "alice"
  def.mode, def.line, def.assistant = nil, nil, nil
  return def
end

scenario "one appearance not in DND rings while the others reject" (alice_line {
  mode = "softphone", line = { cfb = "2000", cfna = "3000" }, assistant = true,
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")             -- alice: soft and desk reject
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("5s", function()
      expect(c.state, "the caller hears ringing").is("alerting")
      expect(sim:device("assistant").ringing).is(1)
    end)
    sim:at("6s", "assistant", "answer")
    sim:run()

    expect(c.alerted).is({ "assistant" })
    expect(c.skipped).is({ desk = "dnd-reject", soft = "dnd-reject" })
    expect(c.answered_by).is("assistant")
    expect(c.path).is({ "1000" })
  end,
})

scenario "every appearance rejects in soft-phone mode: the call goes to CFNA" (alice_line {
  mode = "softphone", line = { cfb = "2000", cfna = "3000" },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("5s")
    expect(c.skipped).is({ desk = "dnd-reject", soft = "dnd-reject" })
    expect(c.path).is({ "1000", "3000" })
    expect(first(sim:trace { kind = "forwarded", subject = "call-1" }).details).is("1000 cfna -> 3000")
    expect(c.alerted).is({ "cfna_phone" })
  end,
})

scenario "every appearance rejects in desk-phone mode: the call goes to CFB" (alice_line {
  mode = "deskphone", line = { cfb = "2000", cfna = "3000" },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("5s")
    expect(c.skipped).is({ desk = "dnd-reject", soft = "dnd-reject" })
    expect(c.path).is({ "1000", "2000" })
    expect(first(sim:trace { kind = "forwarded", subject = "call-1" }).details).is("1000 cfb -> 2000")
    expect(c.alerted).is({ "cfb_phone" })
  end,
})

scenario "every appearance rejects in soft-phone mode with no CFNA target: busy" (alice_line {
  mode = "softphone", line = { cfb = "2000", cfna = "none" },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.outcome, "not the CFB target either").is("busy")
    expect(c.path).is({ "1000" })
  end,
})

scenario "every appearance rejects in desk-phone mode with no CFB target: busy" (alice_line {
  mode = "deskphone", line = { cfna = "3000" },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.outcome, "not the CFNA target either").is("busy")
    expect(c.path).is({ "1000" })
  end,
})

scenario "switching to desk-phone mode while in DND moves the divert from CFNA to CFB" (alice_line {
  mode = "softphone", line = { cfb = "2000", cfna = "3000" },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local before = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("10s", "alice", "mode", "deskphone")
    local after = sim:call_at("11s", { from = "+14085550101", to = "1000" })
    sim:run_until("12s")
    expect(before.path, "soft-phone mode").is({ "1000", "3000" })
    expect(after.path, "desk-phone mode").is({ "1000", "2000" })
    expect(sim:user("alice").mode).is("deskphone")
  end,
})

scenario "an unregistered appearance does not stop the all-reject divert" {
  policy = "cisco_cucm",
  covers = { "CUC-5" },
  description = "Assumed: an appearance that cannot ring (unregistered) does not count as one that could.",
  users = { alice = { mode = "softphone" } },
  lines = { ["1000"] = { cfb = "2000", cfna = "3000" }, ["2000"] = {}, ["3000"] = {} },
  devices = {
    cfna_phone = { kind = "deskphone", lines = { "3000" } },
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" }, register = false },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("5s")
    expect(c.skipped).is({ desk = "unregistered", soft = "dnd-reject" })
    expect(c.path, "CFNA, as in soft-phone mode with every appearance rejecting").is({ "1000", "3000" })
    expect(c.alerted).is({ "cfna_phone" })
  end,
}
