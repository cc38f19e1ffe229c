-- CORE-3: every forward is a hop. A chain longer than the hop limit (8) ends
-- as "forward-limit", and a forwarding loop is never followed twice.

-- Lines 1001..(1000 + count), each forwarding all calls to the next one.
local function cfa_chain(count)
  local lines = {}
  for i = 1, count do
    lines[tostring(1000 + i)] = i < count and { cfa = tostring(1001 + i) } or {}
  end
  return lines
end

scenario "a chain of 10 CFA lines ends as forward-limit after 8 hops" {
  covers = { "CORE-3" },
  expect_findings = { "PBX-CHAIN:1001" },   -- the chain is the point
  lines = cfa_chain(10),
  devices = { last = { kind = "deskphone", lines = { "1010" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:run()
    expect(c.outcome).is("forward-limit")
    expect(c.path, "offered to 9 lines, the 9th forward is refused").is(
      { "1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008", "1009" })
    expect(#sim:trace { kind = "forwarded", subject = "call-1" }, "hops taken").is(8)
    expect(c.alerted).is_empty()
    expect(sim:device("last").recent).is_empty()
  end,
}

scenario "a chain of exactly 8 forwards is still followed" {
  covers = { "CORE-3" },
  lines = cfa_chain(9),
  devices = { last = { kind = "deskphone", lines = { "1009" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("2s", "last", "answer")
    sim:run()
    expect(c.forwards).is(8)
    expect(c.outcome).is("answered")
    expect(c.answered_by).is("last")
  end,
}

scenario "the scenario's hop_limit replaces the default of 8" {
  covers = { "CORE-3" },
  expect_findings = { "PBX-CHAIN:1001" },
  hop_limit = 2,
  lines = cfa_chain(4),
  devices = { last = { kind = "deskphone", lines = { "1004" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:run()
    expect(c.outcome).is("forward-limit")
    expect(c.path).is({ "1001", "1002", "1003" })
  end,
}

scenario "a CFA loop A -> B -> A ends as forward-limit without revisiting A" {
  covers = { "CORE-3" },
  expect_findings = { "PBX-LOOP" },
  lines = { ["1000"] = { cfa = "2000" }, ["2000"] = { cfa = "1000" } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.outcome).is("forward-limit")
    expect(c.detail).matches("loop")
    expect(c.path, "each line once").is({ "1000", "2000" })
    expect(#sim:trace { kind = "offered", subject = "call-1" }, "offers").is(2)
    expect(#sim:trace { kind = "outcome", subject = "call-1" }).is(1)
  end,
}

scenario "a CFNA loop: A rings, then B rings, and the call is not offered to A again" {
  covers = { "CORE-3" },
  expect_findings = { "PBX-LOOP" },
  lines = { ["1000"] = { cfna = "2000" }, ["2000"] = { cfna = "1000" } },
  devices = {
    alice = { kind = "deskphone", lines = { "1000" } },
    bob = { kind = "deskphone", lines = { "2000" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.outcome).is("forward-limit")
    expect(c.ended_at, "after both 12 s timers").is(time("25s"))
    expect(c.path).is({ "1000", "2000" })
    expect(#sim:trace { kind = "alerted", subject = "alice" }, "alice alerted once").is(1)
    expect(#sim:trace { kind = "alerted", subject = "bob" }).is(1)
  end,
}
