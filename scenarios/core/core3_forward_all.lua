-- CORE-3: call forward all (CFA) diverts a call before any appearance of the
-- line is alerted. Each forward is a hop.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

scenario "CFA forwards before any appearance of the line is alerted" {
  covers = { "CORE-3" },
  lines = { ["1000"] = { cfa = "2000" }, ["2000"] = {} },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    colleague = { kind = "deskphone", lines = { "2000" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("5s", "colleague", "answer")
    sim:run()

    expect(c.path).is({ "1000", "2000" })
    expect(c.forwards).is(1)
    expect(c.alerted, "only the forward target rings").is({ "colleague" })
    expect(#sim:trace { kind = "alerted", subject = "desk" }, "desk never alerted").is(0)
    expect(sim:device("desk").recent).is_empty()
    local fwd = sim:trace { kind = "forwarded", subject = "call-1" }
    expect(#fwd).is(1)
    expect(first(fwd).details).is("1000 cfa -> 2000")
    expect(first(fwd).time, "forwarded at once").is(time("1s"))
    expect(c.outcome).is("answered")
    expect(c.answered_by).is("colleague")
  end,
}

scenario "CFA applies even when the line's own appearance is idle and registered" {
  covers = { "CORE-3" },
  description = "CFA does not wait for the no-answer timer and ignores the line's appearances.",
  lines = { ["1000"] = { cfa = "+14085550199", cfna = "voicemail" } },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.path).is({ "1000", "+14085550199" })
    expect(c.outcome).is("answered")
    expect(c.answered_by).is("external +14085550199")
    expect(c.ended_at).is(time("1s"))
    expect(#sim:trace { kind = "alerted" }).is(0)
  end,
}

scenario "CFA chain: each line's CFA is followed in turn" {
  covers = { "CORE-3" },
  lines = { ["1000"] = { cfa = "2000" }, ["2000"] = { cfa = "3000" }, ["3000"] = {} },
  devices = {
    a = { kind = "deskphone", lines = { "1000" } },
    b = { kind = "deskphone", lines = { "2000" } },
    c = { kind = "deskphone", lines = { "3000" } },
  },
  steps = function(sim)
    local call = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(call.path).is({ "1000", "2000", "3000" })
    expect(call.forwards).is(2)
    expect(call.alerted).is({ "c" })
  end,
}
