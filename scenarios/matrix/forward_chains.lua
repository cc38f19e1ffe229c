-- Matrix: forward chains. Vendor-neutral (see dnd_shared_line.lua); each
-- policy's outcomes are in forward_chains.lua.golden.

local function one_outcome_each(sim, calls)
  for _, c in ipairs(calls) do
    expect(#sim:trace { kind = "outcome", subject = "call-" .. c.id }, "outcomes of call-" .. c.id).is(1)
  end
end

-- Lines 1001..(1000 + count), each forwarding all calls to the next one.
local function cfa_chain(count)
  local lines = {}
  for i = 1, count do lines[tostring(1000 + i)] = i < count and { cfa = tostring(1001 + i) } or {} end
  return lines
end

scenario "a CFA chain of 10 lines, longer than a hop limit of 8" {
  expect_findings = { "PBX-CHAIN" },
  lines = cfa_chain(10),
  devices = { last = { kind = "deskphone", lines = { "1010" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("5s", "last", "answer")
    sim:run()
    one_outcome_each(sim, { c })
  end,
}

scenario "a CFNA chain 1000 -> 2000 -> 3000 that nobody answers; 3000 sets no CFNA target" {
  lines = { ["1000"] = { cfna = "2000" }, ["2000"] = { cfna = "3000" }, ["3000"] = {} },
  devices = {
    a = { kind = "deskphone", lines = { "1000" } },
    b = { kind = "deskphone", lines = { "2000" } },
    c = { kind = "deskphone", lines = { "3000" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    one_outcome_each(sim, { c })
    expect(c.path[1]).is("1000")
  end,
}

scenario "CFB to a line whose only phone is not registered" {
  lines = { ["1000"] = { cfb = "2000" }, ["2000"] = {} },
  devices = {
    desk = { kind = "deskphone", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } },
    away = { kind = "deskphone", lines = { "2000" }, register = false },
  },
  steps = function(sim)
    local first = sim:call_at("1s", { from = "+14085550101", to = "1000" })
    sim:at("2s", "desk", "answer")
    local second = sim:call_at("3s", { from = "+14085550102", to = "1000" })
    sim:run()
    one_outcome_each(sim, { first, second })
    expect(second.alerted, "an unregistered phone is never alerted").is_empty()
  end,
}

scenario "a CFA loop 1000 -> 2000 -> 1000" {
  expect_findings = { "PBX-LOOP" },
  lines = { ["1000"] = { cfa = "2000" }, ["2000"] = { cfa = "1000" } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    one_outcome_each(sim, { c })
  end,
}
