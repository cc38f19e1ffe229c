-- CORE-6: groups (UCD groups, pascom teams, hunt groups). Members log in and
-- out, pause and unpause; only logged-in, unpaused members are offered group
-- calls. The strategy distributes the call: every available member at once
-- (ring-all) or one after the other in the configured order (hunt).

-- The time of the first trace event of a kind.
local function first_time(sim, kind)
  local events = sim:trace { kind = kind }
  return events[1] and events[1].time
end

-- Three agents, each with a desk phone on their own line.
local lines = { ["1000"] = {}, ["2000"] = {}, ["3000"] = {} }
local devices = {
  a = { lines = { "1000" } },
  b = { lines = { "2000" } },
  c = { lines = { "3000" } },
}

scenario "ring-all: only logged-in, unpaused members are alerted" {
  covers = { "CORE-6" },
  lines = lines, devices = devices,
  groups = { sales = { number = "600", strategy = "ring-all",
                       members = { "1000", { dn = "2000", logged_in = false }, { dn = "3000", paused = true } } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+14085550100", "600")
    sim:at("4s", "a", "answer")
    sim:run()
    expect(c.alerted).is({ "a" })
    expect(c.skipped).is({ ["2000"] = "logged-out", ["3000"] = "paused" })
    expect(c.outcome).is("answered")
    expect(c.path).is({ "600" })
    expect(sim:group("sales").available).is({ "1000" })
  end,
}

scenario "ring-all: every available member rings at once; the first to answer takes it" {
  covers = { "CORE-6" },
  lines = lines, devices = devices,
  groups = { sales = { number = "600", strategy = "ring-all", members = { "1000", "2000", "3000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+14085550100", "600")
    sim:at("2s", function()
      for _, name in ipairs { "a", "b", "c" } do expect(sim:device(name).ringing, name .. " ringing").is(1) end
    end)
    sim:at("5s", "c", "answer")
    sim:run()
    expect(c.alerted).is({ "a", "b", "c" })
    expect(c.answered_by).is("c")
    expect(#sim:trace { kind = "alert-stopped" }, "a and b stop ringing").is(2)
  end,
}

scenario "hunt: members are tried in order, each for its ring time, skipping who is not available" {
  covers = { "CORE-6" },
  lines = lines, devices = devices,
  groups = { support = { number = "700", strategy = "hunt", member_ring = "10s",
                         members = { { dn = "1000", paused = true }, "2000", "3000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+14085550100", "700")
    sim:at("5s", function() expect(sim:device("b").ringing, "2000 rings first").is(1) end)
    sim:at("12s", function()
      expect(sim:device("b").ringing, "2000 stopped after 10 s").is(0)
      expect(sim:device("c").ringing, "3000 rings next").is(1)
    end)
    sim:at("15s", "c", "answer")
    sim:run()
    expect(c.alerted).is({ "b", "c" })
    expect(c.skipped["1000"]).is("paused")
    expect(c.answered_by).is("c")
    expect(c.answered_at).is(time("15s"))
  end,
}

scenario "members log in, log out, pause and unpause at run time; the next call follows" {
  covers = { "CORE-6" },
  lines = lines, devices = devices,
  groups = { sales = { number = "600", strategy = "ring-all", members = { "1000", "2000", "3000" } } },
  steps = function(sim)
    sim:at("1s", "sales", "logout", "1000")
    sim:at("1s", "sales", "pause", "2000")
    local first = sim:call_at("2s", "+14085550100", "600")
    sim:at("3s", "c", "answer")
    sim:at("10s", "sales", "login", "1000")
    sim:at("10s", "sales", "unpause", "2000")
    sim:at("10s", "sales", "pause", "3000")
    local second = sim:call_at("11s", "+14085550101", "600")
    sim:at("12s", "a", "answer")
    -- A paused member is still reached on their own line.
    local direct = sim:call_at("20s", "+14085550102", "3000")
    sim:at("21s", "c", "answer")
    sim:run()
    expect(first.alerted).is({ "c" })
    expect(second.alerted).is({ "a", "b" })
    expect(direct.answered_by).is("c")
    local changes = {}
    for _, e in ipairs(sim:trace { kind = "group", subject = "sales" }) do changes[#changes + 1] = e.details end
    expect(changes).is({ "1000 logged out", "2000 paused", "1000 logged in", "2000 unpaused", "3000 paused" })
  end,
}

scenario "nobody available: the group call overflows, or is busy without an overflow" {
  covers = { "CORE-6" },
  lines = lines, devices = devices,
  groups = {
    sales = { number = "600", members = { { dn = "1000", logged_in = false } }, overflow = "voicemail" },
    night = { number = "601", members = { { dn = "2000", paused = true } } },
  },
  steps = function(sim)
    local overflowed = sim:call_at("1s", "+14085550100", "600")
    local busy = sim:call_at("1s", "+14085550101", "601")
    sim:run()
    expect(overflowed.outcome).is("voicemail")
    expect(overflowed.path).is({ "600", "voicemail" })
    expect(busy.outcome).is("busy")
    expect(busy.detail).is("group night: no member available")
  end,
}

scenario "ring-all unanswered: the call overflows after the group's no-answer time" {
  covers = { "CORE-6" },
  lines = lines, devices = devices,
  groups = { sales = { number = "600", members = { "1000", "2000" }, no_answer = "20s", overflow = "3000" } },
  steps = function(sim)
    local c = sim:call_at("1s", "+14085550100", "600")
    sim:at("25s", "c", "answer")
    sim:run()
    expect(c.path).is({ "600", "3000" })
    expect(first_time(sim, "forwarded")).is(time("21s"))
    expect(c.answered_by).is("c")
  end,
}

scenario "group call pickup: a member picks up a group call ringing at another member" {
  covers = { "CORE-6" },
  lines = lines, devices = devices,
  groups = { support = { number = "700", strategy = "hunt", members = { "1000", "2000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+14085550100", "700")
    sim:at("3s", "b", "pickup")     -- 1000 is ringing; 2000 is a member of the same group
    sim:at("4s", "c", "pickup")     -- 3000 is not a member: nothing to pick up
    sim:run()
    expect(c.alerted).is({ "a" })
    expect(c.answered_by).is("b")
    expect(c.outcome).is("answered")
    expect(c.detail).is("picked up by b")
    expect(#sim:trace { kind = "picked-up", subject = "b" }).is(1)
    expect(sim:device("a").ringing, "a stopped ringing").is(0)
    expect(#sim:trace { kind = "ignored", subject = "c" }).is(1)
  end,
}

-- Found by `pbxsim explore --features group-pickup` (INV-PICKUP): the call
-- kept its group after the overflow, so a member picked it up "from the group".
scenario "group call pickup: a call the group let overflow to a line is no longer the group's to pick up" {
  covers = { "CORE-6" },
  lines = lines, devices = devices,
  groups = { sales = { number = "600", members = { "1000", "2000" }, no_answer = "5s", overflow = "3000" } },
  steps = function(sim)
    local c = sim:call_at("1s", "+14085550100", "600")
    sim:at("8s", "b", "pickup")   -- at 6 s the call overflowed to 3000, which rings c
    sim:at("9s", "c", "answer")
    sim:run()
    expect(c.path).is({ "600", "3000" })
    expect(#sim:trace { kind = "picked-up" }).is(0)
    expect(sim:trace { kind = "ignored", device = "b" }[1].note).is("pickup: no group call is ringing in this device's groups")
    expect(c.answered_by).is("c")
  end,
}

scenario "random group traffic: every call ends once, the same way on every run" {
  covers = { "CORE-6", "CORE-5", "CORE-7" },
  lines = lines, devices = devices,
  groups = {
    sales = { number = "600", strategy = "ring-all", members = { "1000", "2000", "3000" }, no_answer = "15s" },
    support = { number = "700", strategy = "hunt", members = { "3000", "2000", "1000" }, overflow = "voicemail" },
  },
  steps = function(sim)
    local numbers = { "600", "700", "1000", "2000" }
    local agents = { a = "1000", b = "2000", c = "3000" }
    local names = { "a", "b", "c" }
    local calls = {}
    for i = 1, 40 do
      local at = math.random(1, 900)
      calls[i] = sim:call_at(at .. "s", "+1408555" .. string.format("%04d", i), numbers[math.random(#numbers)])
      local who = names[math.random(#names)]
      local action = ({ "answer", "pickup", "hangup" })[math.random(3)]
      sim:at((at + math.random(1, 20)) .. "s", who, action)
      local change = ({ "login", "logout", "pause", "unpause" })[math.random(4)]
      sim:at(math.random(1, 900) .. "s", math.random() < 0.5 and "sales" or "support", change, agents[names[math.random(3)]])
    end
    sim:run()
    for i, c in ipairs(calls) do
      expect(#sim:trace { kind = "outcome", subject = "call-" .. c.id }, "call " .. i .. " outcomes").is(1)
      expect(c.outcome, "call " .. i).is_not(nil)
    end
  end,
}
