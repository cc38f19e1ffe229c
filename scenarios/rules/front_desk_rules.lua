-- A site's routing rules written as a Lua policy alone
-- (policies/front_desk.lua): DND on a shared line, forward-busy to a hunt
-- group, night service for external callers. Each rule answers with a
-- destination, checked by the engine like a forward.

local lines = {
  ["1000"] = {},                       -- the boss, shared by desk and soft
  ["1001"] = {},                       -- the assistant
  ["2000"] = {},                       -- sales
  ["3000"] = {}, ["3001"] = {},        -- the hunt group's agents
}
local devices = {
  desk = { kind = "deskphone", lines = { "1000" } },
  soft = { kind = "softphone", lines = { "1000" } },
  assistant = { lines = { "1001" } },
  sales = { lines = { { dn = "2000", max_calls = 2, busy_trigger = 1 } } },
  agent1 = { lines = { "3000" } },
  agent2 = { lines = { "3001" } },
}
local groups = {
  hunt = { number = "700", strategy = "hunt", member_ring = "10s", members = { "3000", "3001" } },
}

local function site(def)
  def.policy = "policies/front_desk.lua"
  def.calendar = def.calendar or "Mon 09:00"
  def.lines, def.devices, def.groups = lines, devices, groups
  return def
end

scenario "DND on one device of a shared line rejects only there: the other appearance rings" (site {
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("4s", "soft", "answer")
    sim:run_until("1m")
    expect(c.skipped.desk).is("dnd-reject")
    expect(c.alerted).is({ "soft" })
    expect(c.answered_by).is("soft")
    expect(sim:device("soft").dnd, "DND stays on the device that set it").is("off")
  end,
})

scenario "DND leaves nothing of the shared line ringing: the call goes to the assistant's line" (site {
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    sim:at("1s", "soft", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("5s", "assistant", "answer")
    sim:run_until("1m")
    expect(c.path).is({ "1000", "1001" })
    expect(c.alerted).is({ "assistant" })
    expect(c.answered_by).is("assistant")
    local forwarded = sim:trace { kind = "forwarded" }
    expect(#forwarded).is(1)
    expect(forwarded[1].details, "the trace names the rule").contains("1000 policy -> 1001")
    expect(forwarded[1].details).contains("front_desk.lua:43")
  end,
})

scenario "forward-busy goes to the hunt group 700, whose first agent rings" (site {
  steps = function(sim)
    local first = sim:call_at("1s", { from = "+14085550100", to = "2000" })
    sim:at("2s", "sales", "answer")
    local second = sim:call_at("5s", { from = "+14085550111", to = "2000" })
    sim:at("8s", "agent1", "answer")
    sim:run_until("1m")
    expect(first.answered_by).is("sales")
    expect(second.skipped.sales).is("busy")
    expect(second.path).is({ "2000", "700" })
    expect(second.alerted).is({ "agent1" })
    expect(second.answered_by).is("agent1")
  end,
})

scenario "an external caller after 18:00 goes to the night service without ringing anyone" (site {
  calendar = "Mon 17:59",
  steps = function(sim)
    local before = sim:call_at("30s", { from = "+14085550100", to = "2000" })
    sim:at("35s", "sales", "answer")
    sim:at("40s", "sales", "hangup")
    local after = sim:call_at("2m", { from = "+14085550100", to = "2000" })
    sim:run_until("5m")
    expect(before.answered_by, "17:59:30 is office hours").is("sales")
    expect(after.alerted).is_empty()
    expect(after.skipped.sales).is("night-service")
    expect(after.path).is({ "2000", "+18005550199" })
    expect(after.answered_by).is("external +18005550199")
  end,
})

scenario "an internal caller after 18:00 still rings the line" (site {
  calendar = "Mon 19:00",
  steps = function(sim)
    local c = sim:call_at("1s", { device = "assistant", to = "2000" })
    sim:at("3s", "sales", "answer")
    sim:run_until("1m")
    expect(c.alerted).is({ "sales" })
    expect(c.answered_by).is("sales")
  end,
})

scenario "an external caller before 08:00 goes to the night service too" (site {
  calendar = "Tue 07:30",
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.path).is({ "1000", "+18005550199" })
    expect(c.outcome).is("answered")
  end,
})

scenario "a destination that leads back to a line the call visited is a loop: forward-limit" {
  policy = "policies/bounce.lua",
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = { a = { lines = { "1000" } }, b = { lines = { "2000" } } },
  steps = function(sim)
    sim:at("0s", "a", "unregister")
    sim:at("0s", "b", "unregister")
    local c = sim:call_at("1s", { from = "+14085550100", to = "2000" })
    sim:run_until("1m")
    expect(c.outcome).is("forward-limit")
    expect(c.path).is({ "2000", "1000" })
    expect(c.detail).contains("forward loop: 2000 -> 1000 -> 1000")
  end,
}
