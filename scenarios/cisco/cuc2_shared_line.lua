-- CUC-2: a soft phone given the same directory number as the user's desk
-- phone shares the line: an incoming call alerts every registered
-- appearance of it.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

scenario "shared line: a call alerts both the desk phone and the soft phone" {
  policy = "cisco_cucm",
  covers = { "CUC-2" },
  users = { alice = { mode = "softphone" } },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("2s", function()
      expect(sim:device("desk").ringing, "desk ringing").is(1)
      expect(sim:device("soft").ringing, "soft ringing").is(1)
    end)
    sim:at("4s", "soft", "answer")
    sim:run()

    expect(c.alerted).is({ "desk", "soft" })
    expect(c.silent).is_empty()
    expect(c.answered_by).is("soft")
    local stopped = sim:trace { kind = "alert-stopped" }
    expect(#stopped, "ringing stops on the other appearance").is(1)
    expect(first(stopped).subject).is("desk")
    expect(sim:device("desk").recent).has_size(1)
    expect(first(sim:device("soft").recent).answered).is_true()
  end,
}

scenario "shared line: the call can be answered on the desk phone too" {
  policy = "cisco_cucm",
  covers = { "CUC-2" },
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("3s", "desk", "answer")
    sim:at("4s", "soft", "answer")     -- the call is already taken
    sim:run()
    expect(c.answered_by).is("desk")
    expect(#sim:trace { kind = "answered" }).is(1)
    expect(#sim:trace { kind = "ignored", subject = "soft" }).is(1)
  end,
}

scenario "shared line: an unregistered soft phone is not alerted, the desk phone is" {
  policy = "cisco_cucm",
  covers = { "CUC-2" },
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" }, register = false },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.alerted).is({ "desk" })
    expect(c.skipped.soft).is("unregistered")
    expect(sim:device("soft").recent).is_empty()
    expect(c.outcome, "Cisco default CFNA").is("voicemail")
  end,
}

scenario "shared line: a soft phone on a different DN is not alerted" {
  policy = "cisco_cucm",
  covers = { "CUC-2" },
  users = { "alice" },
  lines = { ["1000"] = {}, ["1001"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1001" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.alerted).is({ "desk" })
    expect(#sim:trace { kind = "alerted", subject = "soft" }).is(0)
  end,
}

scenario "shared line: the line rings on every appearance, also another user's phone" {
  policy = "cisco_cucm",
  covers = { "CUC-2" },
  users = { "alice", "bob" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
    assistant = { kind = "deskphone", owner = "bob", lines = { "1000" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("3s", "assistant", "answer")
    sim:run()
    expect(c.alerted, "devices are listed by name").is({ "assistant", "desk", "soft" })
    expect(c.answered_by).is("assistant")
  end,
}
