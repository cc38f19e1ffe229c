-- CORE-3: call forward busy (CFB): when every appearance of the line is busy
-- the call goes to the CFB target; without one the caller gets busy.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

local lines_with_cfb = { ["1000"] = { cfb = "2000" }, ["2000"] = {} }
local one_call_desk = {
  desk = { kind = "deskphone", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } },
  colleague = { kind = "deskphone", lines = { "2000" } },
}

scenario "CFB: a call to a busy line goes to the CFB target" {
  covers = { "CORE-3" },
  lines = lines_with_cfb,
  devices = one_call_desk,
  steps = function(sim)
    local first_call = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("2s", "desk", "answer")
    local second_call = sim:call_at("10s", { from = "+14085550101", to = "1000" })
    sim:run_until("1m")

    expect(first_call.answered_by).is("desk")
    expect(second_call.skipped.desk).is("busy")
    expect(second_call.path).is({ "1000", "2000" })
    expect(second_call.alerted).is({ "colleague" })
    expect(#sim:trace { kind = "forwarded", subject = "call-2" }).is(1)
    expect(first(sim:trace { kind = "forwarded", subject = "call-2" }).details).is("1000 cfb -> 2000")
  end,
}

scenario "CFB: without a CFB target a call to a busy line gets busy" {
  covers = { "CORE-3" },
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } } },
  steps = function(sim)
    local first_call = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("2s", "desk", "answer")
    local second_call = sim:call_at("10s", { from = "+14085550101", to = "1000" })
    sim:run_until("1m")
    expect(first_call.outcome).is("answered")
    expect(second_call.outcome).is("busy")
    expect(second_call.path).is({ "1000" })
    expect(second_call.forwards).is(0)
  end,
}

scenario "CFB: once the busy call is hung up the line rings again" {
  covers = { "CORE-3" },
  lines = lines_with_cfb,
  devices = one_call_desk,
  steps = function(sim)
    sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("2s", "desk", "answer")
    sim:at("5s", "desk", "hangup")
    local later = sim:call_at("10s", { from = "+14085550101", to = "1000" })
    sim:run_until("1m")
    expect(later.path, "not forwarded").is({ "1000" })
    expect(later.alerted).is({ "desk" })
  end,
}
