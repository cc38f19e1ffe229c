-- CUC-3: each appearance has a Maximum Number of Calls and a Busy Trigger.
-- "if the maximum number of calls is set to 6 and the busy trigger is set to
-- 6, incoming call 7 receives a busy signal" (and so goes to CFB).

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

-- Six calls one second apart, then a seventh; all still ringing at 7 s.
local function seven_calls(sim)
  local calls = {}
  for i = 1, 7 do
    calls[i] = sim:call_at(i .. "s", { from = "+1408555010" .. i, to = "1000" })
  end
  return calls
end

scenario "busy trigger 6: calls 1-6 are presented, the 7th goes to CFB" {
  policy = "cisco_cucm",
  covers = { "CUC-3" },
  users = { "alice" },
  lines = { ["1000"] = { cfb = "2000" }, ["2000"] = {} },
  devices = {
    soft = { kind = "softphone", owner = "alice", lines = { { dn = "1000", max_calls = 6, busy_trigger = 6 } } },
    colleague = { kind = "deskphone", lines = { "2000" } },
  },
  steps = function(sim)
    local calls = seven_calls(sim)
    sim:at("7.5s", function() expect(sim:device("soft").ringing, "calls presented at once").is(6) end)
    sim:run_until("10s")

    for i = 1, 6 do
      expect(calls[i].alerted, "call " .. i).is({ "soft" })
      expect(calls[i].state, "call " .. i).is("alerting")
    end
    expect(calls[7].alerted, "call 7 on soft").lacks("soft")
    expect(calls[7].skipped.soft).is("busy")
    expect(calls[7].path).is({ "1000", "2000" })
    expect(first(sim:trace { kind = "forwarded", subject = "call-7" }).details).is("1000 cfb -> 2000")
    expect(sim:device("soft").recent, "the 7th is not in recent calls").has_size(6)
  end,
}

scenario "busy trigger 6 without a CFB target: the 7th call gets busy" {
  policy = "cisco_cucm",
  covers = { "CUC-3" },
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    soft = { kind = "softphone", owner = "alice", lines = { { dn = "1000", max_calls = 6, busy_trigger = 6 } } },
  },
  steps = function(sim)
    local calls = seven_calls(sim)
    sim:run()
    expect(calls[6].alerted).is({ "soft" })
    expect(calls[7].outcome).is("busy")
    expect(calls[7].ended_at).is(time("7s"))
    expect(calls[7].path).is({ "1000" })
    expect(calls[1].outcome, "the presented calls ring on to CFNA").is("voicemail")
  end,
}

scenario "busy trigger counts answered calls too; a hangup frees a slot" {
  policy = "cisco_cucm",
  covers = { "CUC-3" },
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    soft = { kind = "softphone", owner = "alice", lines = { { dn = "1000", max_calls = 6, busy_trigger = 6 } } },
  },
  steps = function(sim)
    local calls = {}
    for i = 1, 6 do
      calls[i] = sim:call_at((i * 10) .. "s", { from = "+1408555010" .. i, to = "1000" })
      sim:at((i * 10 + 1) .. "s", "soft", "answer")
    end
    local seventh = sim:call_at("65s", { from = "+14085550107", to = "1000" })
    sim:at("70s", "soft", "hangup")
    local eighth = sim:call_at("75s", { from = "+14085550108", to = "1000" })
    sim:run_until("80s")
    expect(sim:device("soft").calls, "calls on soft at 80s").is(6)
    expect(seventh.outcome, "six calls in progress").is("busy")
    expect(eighth.alerted, "after one hung up").is({ "soft" })
  end,
}

scenario "Cisco defaults: max calls 4, busy trigger 2, so the 3rd call is busy" {
  policy = "cisco_cucm",
  covers = { "CUC-3" },
  users = { "alice" },
  lines = { ["1000"] = { cfb = "voicemail" } },
  devices = { desk = { kind = "deskphone", owner = "alice", lines = { "1000" } } },
  steps = function(sim)
    local calls = {}
    for i = 1, 3 do calls[i] = sim:call_at(i .. "s", { from = "+1408555010" .. i, to = "1000" }) end
    sim:run_until("5s")
    expect(calls[2].alerted).is({ "desk" })
    expect(calls[3].skipped.desk).is("busy")
    expect(calls[3].outcome).is("voicemail")
    expect(calls[3].path).is({ "1000", "voicemail" })
  end,
}

scenario "shared line: the call is busy only when every appearance is at its busy trigger" {
  policy = "cisco_cucm",
  covers = { "CUC-3" },
  users = { "alice" },
  lines = { ["1000"] = { cfb = "2000" }, ["2000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { { dn = "1000", max_calls = 2, busy_trigger = 1 } } },
    soft = { kind = "softphone", owner = "alice", lines = { { dn = "1000", max_calls = 6, busy_trigger = 3 } } },
    colleague = { kind = "deskphone", lines = { "2000" } },
  },
  steps = function(sim)
    local calls = {}
    for i = 1, 4 do calls[i] = sim:call_at(i .. "s", { from = "+1408555010" .. i, to = "1000" }) end
    sim:run_until("5s")
    expect(calls[1].alerted).is({ "desk", "soft" })
    expect(calls[2].alerted, "desk at its trigger of 1").is({ "soft" })
    expect(calls[2].skipped.desk).is("busy")
    expect(calls[3].alerted).is({ "soft" })
    expect(calls[4].path, "both at their trigger").is({ "1000", "2000" })
  end,
}
