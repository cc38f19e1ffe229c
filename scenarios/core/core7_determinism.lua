-- CORE-7: the same scenario, policy and seed give a byte-identical trace.
-- pbxsim runs every scenario that covers CORE-7 twice and compares the trace
-- hashes; math.random in a scenario is drawn from the run's seed.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

scenario "random call times and targets give the same trace on every run" {
  covers = { "CORE-7", "CORE-5" },
  lines = {
    ["1000"] = { cfna = "voicemail", no_answer = "5s" },
    ["2000"] = { cfb = "voicemail" },
    ["3000"] = { cfa = "1000" },
  },
  devices = {
    desk = { kind = "deskphone", lines = { "1000", { dn = "2000", max_calls = 1, busy_trigger = 1 } } },
    soft = { kind = "softphone", lines = { "1000", "3000" }, register = "5m" },
  },
  steps = function(sim)
    local targets = { "1000", "2000", "3000", "4711" }
    local calls = {}
    for i = 1, 20 do
      local at = math.random(1, 600)                      -- seconds
      local to = targets[math.random(#targets)]
      calls[i] = { call = sim:call_at(at .. "s", { from = "+1408555" .. string.format("%04d", i), to = to }), at = at, to = to }
      if math.random() < 0.5 then sim:at((at + math.random(1, 8)) .. "s", "desk", "answer") end
      if math.random() < 0.3 then sim:at((at + math.random(1, 8)) .. "s", "desk", "hangup") end
    end
    sim:run()

    for i, planned in ipairs(calls) do
      local c = planned.call
      expect(c.offered_at, "call-" .. i .. " offered at its random time").is(time(planned.at .. "s"))
      expect(c.to).is(planned.to)
      expect(#sim:trace { kind = "outcome", subject = "call-" .. c.id }, "call-" .. i .. " outcomes").is(1)
      if planned.to == "4711" then expect(c.outcome, "call-" .. i).is("unreachable") end
      if planned.to == "3000" then expect(c.path[2], "call-" .. i .. " CFA to 1000").is("1000") end
    end
    expect(#sim:trace { kind = "outcome" }).is(20)
  end,
}

scenario "simultaneous events run in the order they were scheduled" {
  covers = { "CORE-7" },
  description = "Two calls at the same instant to a one-call phone: the first scheduled rings, the second is busy.",
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } } },
  steps = function(sim)
    local earlier = sim:call_at("5s", { from = "+14085550100", to = "1000" })
    local later = sim:call_at("5s", { from = "+14085550101", to = "1000" })
    sim:run()
    expect(earlier.alerted).is({ "desk" })
    expect(later.outcome).is("busy")
    local offered = sim:trace { kind = "offered" }
    expect(first(offered).subject).is("call-1")
    expect(offered[2].subject).is("call-2")
  end,
}

scenario "pairs visits keys in a stable order, so a schedule built from it is reproducible" {
  covers = { "CORE-7" },
  expect_findings = { "PBX-UNREACHABLE" },   -- no device: each call ends at once
  description = "Lua's own table order changes between runs; pbxsim's pairs sorts the keys.",
  lines = { ["1000"] = {}, ["2000"] = {}, ["3000"] = {} },
  steps = function(sim)
    local plan = { zulu = "3000", alpha = "1000", mike = "2000", bravo = "1000" }
    local order = {}
    for name, to in pairs(plan) do
      order[#order + 1] = name
      sim:call_at("5s", { from = name, to = to })
    end
    sim:run()
    expect(order).is({ "alpha", "bravo", "mike", "zulu" })
    local offered = sim:trace { kind = "offered" }
    expect(first(offered).details).is("from alpha to line 1000")
    expect(offered[4].details).is("from zulu to line 3000")
  end,
}
