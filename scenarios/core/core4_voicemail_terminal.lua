-- CORE-4: voicemail is a terminal target. A call diverted to it ends there
-- with outcome "voicemail" and goes nowhere else.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

scenario "CFNA to voicemail: the unanswered call ends in voicemail" {
  covers = { "CORE-4" },
  lines = { ["1000"] = { cfna = "voicemail" } },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("20s", "desk", "answer")   -- too late: the call is already in voicemail
    sim:run()
    expect(c.outcome).is("voicemail")
    expect(c.state).is("ended")
    expect(c.path).is({ "1000", "voicemail" })
    expect(c.ended_at).is(time("13s"))
    expect(c.answered_by).is_nil()
    expect(#sim:trace { kind = "ignored", subject = "desk" }, "the late answer").is(1)
    local outcome = sim:trace { kind = "outcome", subject = "call-1" }
    expect(#outcome).is(1)
    expect(first(outcome).details).is("voicemail: voicemail of 1000")
  end,
}

scenario "voicemail ends the chain: a forward to voicemail is not forwarded again" {
  covers = { "CORE-4" },
  lines = { ["1000"] = { cfa = "2000" }, ["2000"] = { cfa = "voicemail" }, ["3000"] = {} },
  devices = { other = { kind = "deskphone", lines = { "3000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.outcome).is("voicemail")
    expect(c.path).is({ "1000", "2000", "voicemail" })
    expect(c.forwards, "two hops, the second into voicemail").is(2)
    expect(c.ended_at).is(time("1s"))
    expect(c.alerted).is_empty()
    expect(#sim:trace { kind = "forwarded", subject = "call-1" }).is(2)
  end,
}

scenario "CFB to voicemail: a call to a busy line ends in voicemail" {
  covers = { "CORE-4" },
  lines = { ["1000"] = { cfb = "voicemail" } },
  devices = { desk = { kind = "deskphone", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } } },
  steps = function(sim)
    sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("2s", "desk", "answer")
    local c = sim:call_at("5s", { from = "+14085550101", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
    expect(c.path).is({ "1000", "voicemail" })
    expect(c.ended_at).is(time("5s"))
  end,
}

scenario "voicemail is reached even at the last allowed hop" {
  covers = { "CORE-4" },
  description = "The 8th forward goes to voicemail: within the hop limit, so the call ends in voicemail.",
  lines = {
    ["1001"] = { cfa = "1002" }, ["1002"] = { cfa = "1003" }, ["1003"] = { cfa = "1004" },
    ["1004"] = { cfa = "1005" }, ["1005"] = { cfa = "1006" }, ["1006"] = { cfa = "1007" },
    ["1007"] = { cfa = "1008" }, ["1008"] = { cfa = "voicemail" },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:run()
    expect(c.forwards).is(8)
    expect(c.outcome).is("voicemail")
  end,
}
