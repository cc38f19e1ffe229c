-- CORE-3: call forward no answer (CFNA): after the line's no-answer timer
-- (12 s unless the line says otherwise) a ringing call goes to the CFNA
-- target; without one it ends as "no-answer".

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

scenario "CFNA: an unanswered call is forwarded after the default 12 s" {
  covers = { "CORE-3" },
  lines = { ["1000"] = { cfna = "2000" }, ["2000"] = {} },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    colleague = { kind = "deskphone", lines = { "2000" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("12.9s", function()
      expect(sim:device("desk").ringing, "desk still ringing at 12.9s").is(1)
      expect(c.path).is({ "1000" })
    end)
    sim:at("14s", "colleague", "answer")
    sim:run()

    local fwd = sim:trace { kind = "forwarded", subject = "call-1" }
    expect(#fwd).is(1)
    expect(first(fwd).details).is("1000 cfna -> 2000")
    expect(first(fwd).time, "1s + 12s").is(time("13s"))
    expect(#sim:trace { kind = "alert-stopped", subject = "desk" }).is(1)
    expect(c.path).is({ "1000", "2000" })
    expect(c.alerted).is({ "desk", "colleague" })
    expect(c.answered_by).is("colleague")
  end,
}

scenario "CFNA: a line's own no-answer timer of 5 s" {
  covers = { "CORE-3" },
  lines = { ["1000"] = { cfna = "2000", no_answer = "5s" }, ["2000"] = {} },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    colleague = { kind = "deskphone", lines = { "2000" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    local fwd = sim:trace { kind = "forwarded", subject = "call-1" }
    expect(first(fwd).time, "1s + 5s").is(time("6s"))
    -- 2000 keeps the default timer and has no CFNA: no-answer 12 s later.
    expect(c.outcome).is("no-answer")
    expect(c.ended_at).is(time("18s"))
  end,
}

scenario "CFNA: answered before the timer, the call is not forwarded" {
  covers = { "CORE-3" },
  lines = { ["1000"] = { cfna = "2000" }, ["2000"] = {} },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    colleague = { kind = "deskphone", lines = { "2000" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("12.5s", "desk", "answer")
    sim:run()
    expect(c.answered_by).is("desk")
    expect(c.path).is({ "1000" })
    expect(#sim:trace { kind = "forwarded" }).is(0)
    expect(#sim:trace { kind = "no-answer-timeout" }).is(0)
  end,
}

scenario "CFNA: without a CFNA target the call ends as no-answer" {
  covers = { "CORE-3" },
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.outcome).is("no-answer")
    expect(c.ended_at).is(time("13s"))
    expect(c.path).is({ "1000" })
  end,
}
