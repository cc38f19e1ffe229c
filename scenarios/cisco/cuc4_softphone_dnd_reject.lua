-- CUC-4: a soft phone in soft-phone mode set to DND call-reject. The call is
-- not presented: no notification, no entry in recent calls, the user cannot
-- answer it. It is diverted to the CFNA target (voicemail by default), or
-- the caller hears busy if there is no CFNA target.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

scenario "DND reject in soft-phone mode: not presented, diverted to voicemail" {
  policy = "cisco_cucm",
  covers = { "CUC-4" },
  users = { alice = { mode = "softphone" } },
  lines = { ["1000"] = {} },              -- Cisco default: cfna = voicemail
  devices = { soft = { kind = "softphone", owner = "alice", lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("3s", "soft", "answer")
    sim:run()

    expect(c.alerted, "no notification").is_empty()
    expect(c.skipped.soft).is("dnd-reject")
    expect(sim:device("soft").recent, "no recent-calls entry").is_empty()
    expect(#sim:trace { kind = "ignored", subject = "soft" }, "the answer attempt is ignored").is(1)
    expect(c.answered_by).is_nil()
    expect(c.outcome).is("voicemail")
    expect(c.path).is({ "1000", "voicemail" })
    expect(c.ended_at, "diverted at once").is(time("2s"))
  end,
}

scenario "DND reject in soft-phone mode with no CFNA target: the caller gets busy" {
  policy = "cisco_cucm",
  covers = { "CUC-4" },
  users = { alice = { mode = "softphone" } },
  lines = { ["1000"] = { cfna = "none" } },
  devices = { soft = { kind = "softphone", owner = "alice", lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.outcome).is("busy")
    expect(c.alerted).is_empty()
    expect(sim:device("soft").recent).is_empty()
    expect(c.path).is({ "1000" })
  end,
}

scenario "DND reject in soft-phone mode: the CFNA target is used, not the CFB target" {
  policy = "cisco_cucm",
  covers = { "CUC-4" },
  users = { alice = { mode = "softphone" } },
  lines = { ["1000"] = { cfna = "3000", cfb = "2000" }, ["2000"] = {}, ["3000"] = {} },
  devices = {
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
    cfb_phone = { kind = "deskphone", lines = { "2000" } },
    cfna_phone = { kind = "deskphone", lines = { "3000" } },
  },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("5s")
    expect(c.path).is({ "1000", "3000" })
    expect(c.alerted).is({ "cfna_phone" })
  end,
}

scenario "DND cleared: the soft phone is presented calls again" {
  policy = "cisco_cucm",
  covers = { "CUC-4" },
  users = { alice = { mode = "softphone" } },
  lines = { ["1000"] = {} },
  devices = { soft = { kind = "softphone", owner = "alice", lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "reject")
    local rejected = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("10s", "soft", "dnd", "off")
    local presented = sim:call_at("11s", { from = "+14085550101", to = "1000" })
    sim:at("12s", "soft", "answer")
    sim:run()
    expect(rejected.outcome).is("voicemail")
    expect(presented.answered_by).is("soft")
    expect(sim:device("soft").recent, "only the presented call").has_size(1)
    expect(first(sim:device("soft").recent).call).is(presented.id)
  end,
}
