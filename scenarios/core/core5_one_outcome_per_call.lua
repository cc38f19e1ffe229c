-- CORE-5: every offered call ends in exactly one terminal outcome (answered,
-- busy, rejected, voicemail, no-answer, forward-limit, unreachable or
-- abandoned), and the trace holds the outcome and the call's path.

-- The trace has exactly one "outcome" event for the call, naming `outcome`.
local function ends_once(sim, c, outcome)
  local events = sim:trace { kind = "outcome", subject = "call-" .. c.id }
  expect(#events, "outcome events of call-" .. c.id).is(1)
  expect(events[1] and events[1].details:match("^([%w-]+):"), "trace outcome of call-" .. c.id).is(outcome)
  expect(c.outcome, "outcome of call-" .. c.id).is(outcome)
  expect(c.ended_at, "ended_at of call-" .. c.id).is(events[1] and events[1].time)
end

local one_phone = { desk = { kind = "deskphone", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } } }

scenario "answered: one outcome, kept after the call is released" {
  covers = { "CORE-5" },
  lines = { ["1000"] = {} },
  devices = one_phone,
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("3s", "desk", "answer")
    sim:at("60s", "desk", "hangup")
    sim:run()
    ends_once(sim, c, "answered")
    expect(c.answered_at).is(time("3s"))
    expect(c.released_at).is(time("60s"))
    expect(c.state).is("ended")
    expect(#sim:trace { kind = "released", subject = "call-1" }).is(1)
  end,
}

scenario "busy: a call to a line whose only appearance is busy" {
  covers = { "CORE-5" },
  lines = { ["1000"] = {} },
  devices = one_phone,
  steps = function(sim)
    sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("2s", "desk", "answer")
    local c = sim:call_at("5s", { from = "+14085550101", to = "1000" })
    sim:run_until("1m")
    ends_once(sim, c, "busy")
  end,
}

scenario "rejected: the only appearance rejects in DND and there is no CFNA" {
  covers = { "CORE-5" },
  lines = { ["1000"] = {} },
  devices = one_phone,
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run()
    ends_once(sim, c, "rejected")
    expect(c.skipped.desk).is("dnd-reject")
  end,
}

scenario "voicemail: the unanswered call is forwarded to voicemail" {
  covers = { "CORE-5" },
  lines = { ["1000"] = { cfna = "voicemail" } },
  devices = one_phone,
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    ends_once(sim, c, "voicemail")
  end,
}

scenario "no-answer: the call rings out with no CFNA target" {
  covers = { "CORE-5" },
  lines = { ["1000"] = {} },
  devices = one_phone,
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    ends_once(sim, c, "no-answer")
    expect(#sim:trace { kind = "no-answer-timeout", subject = "call-1" }).is(1)
  end,
}

scenario "forward-limit: a forward loop" {
  covers = { "CORE-5" },
  expect_findings = { "PBX-LOOP" },
  lines = { ["1000"] = { cfa = "2000" }, ["2000"] = { cfa = "1000" } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    ends_once(sim, c, "forward-limit")
  end,
}

scenario "unreachable: a number that is neither a line nor an external number" {
  covers = { "CORE-5" },
  lines = { ["1000"] = {} },
  devices = one_phone,
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "4711" })
    sim:run()
    ends_once(sim, c, "unreachable")
    expect(c.path).is_empty()
    expect(c.detail).contains("4711")
  end,
}

scenario "abandoned: the caller hangs up while the line rings" {
  covers = { "CORE-5" },
  lines = { ["1000"] = { cfna = "voicemail" } },
  devices = one_phone,
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("5s", c, "hangup")
    sim:at("6s", "desk", "answer")     -- too late: nothing rings any more
    sim:run()
    ends_once(sim, c, "abandoned")
    expect(c.ended_at).is(time("5s"))
    expect(c.answered_by).is_nil()
    expect(c.path, "never reached voicemail").is({ "1000" })
    expect(#sim:trace { kind = "alert-stopped", subject = "desk" }).is(1)
    expect(#sim:trace { kind = "ignored", subject = "desk" }).is(1)
  end,
}

scenario "a hangup after the outcome adds no second outcome" {
  covers = { "CORE-5" },
  lines = { ["1000"] = { cfna = "voicemail" } },
  devices = one_phone,
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("20s", c, "hangup")         -- the call already ended in voicemail at 13s
    sim:run()
    ends_once(sim, c, "voicemail")
    expect(#sim:trace { kind = "ignored", subject = "call-1" }).is(1)
  end,
}

scenario "eight calls, eight different outcomes, each recorded once with its path" {
  covers = { "CORE-5" },
  expect_findings = { "PBX-LOOP:5000" },   -- the forward-limit call
  lines = {
    ["1000"] = {},                                   -- answered, then busy
    ["2000"] = {},                                   -- rejected (DND)
    ["3000"] = { cfna = "voicemail", no_answer = "5s" },
    ["4000"] = { no_answer = "5s" },                 -- no-answer
    ["5000"] = { cfa = "5001" }, ["5001"] = { cfa = "5000" },
    ["6000"] = {},                                   -- abandoned
  },
  devices = {
    desk = { kind = "deskphone", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } },
    dnd = { kind = "deskphone", lines = { "2000" } },
    ring3 = { kind = "deskphone", lines = { "3000" } },
    ring4 = { kind = "deskphone", lines = { "4000" } },
    ring6 = { kind = "deskphone", lines = { "6000" } },
  },
  steps = function(sim)
    sim:at("0s", "dnd", "dnd", "reject")
    local calls = {
      answered = sim:call_at("1s", { from = "+14085550100", to = "1000" }),
      busy = sim:call_at("3s", { from = "+14085550101", to = "1000" }),
      rejected = sim:call_at("1s", { from = "+14085550102", to = "2000" }),
      voicemail = sim:call_at("1s", { from = "+14085550103", to = "3000" }),
      ["no-answer"] = sim:call_at("1s", { from = "+14085550104", to = "4000" }),
      ["forward-limit"] = sim:call_at("1s", { from = "+14085550105", to = "5000" }),
      unreachable = sim:call_at("1s", { from = "+14085550106", to = "9999" }),
      abandoned = sim:call_at("1s", { from = "+14085550107", to = "6000" }),
    }
    sim:at("2s", "desk", "answer")
    sim:at("4s", calls.abandoned, "hangup")
    sim:run()

    for outcome, c in pairs(calls) do ends_once(sim, c, outcome) end
    expect(#sim:trace { kind = "outcome" }, "outcome events in all").is(8)
    expect(calls.voicemail.path).is({ "3000", "voicemail" })
    expect(calls["forward-limit"].path).is({ "5000", "5001" })
    expect(calls["no-answer"].alerted).is({ "ring4" })
    expect(calls["no-answer"].offered_at).is(time("1s"))
    expect(calls["no-answer"].ended_at).is(time("6s"))
  end,
}

scenario "external numbers: the far end's behaviour is the call's one outcome" {
  covers = { "CORE-5" },
  lines = { ["1000"] = { cfa = "+14085550199" } },
  externals = { ["+14085550199"] = "busy", ["+14085550198"] = "unreachable", ["+14085550197"] = "no-answer" },
  steps = function(sim)
    local forwarded = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    local unreachable = sim:call_at("1s", { from = "+14085550100", to = "+14085550198" })
    local no_answer = sim:call_at("1s", { from = "+14085550100", to = "+14085550197" })
    local unknown = sim:call_at("1s", { from = "+14085550100", to = "+14085550142" })  -- not declared: answers
    sim:run()
    ends_once(sim, forwarded, "busy")
    expect(forwarded.path).is({ "1000", "+14085550199" })
    ends_once(sim, unreachable, "unreachable")
    ends_once(sim, no_answer, "no-answer")
    ends_once(sim, unknown, "answered")
    expect(unknown.answered_by).is("external +14085550142")
  end,
}
