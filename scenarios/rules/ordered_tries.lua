-- Ordered tries (policies/follow_me.lua): 1000 rings 10 s, then the list
-- 2000 (10 s), 3000 (10 s), 3001 (the last: its own 12 s, then its cfna,
-- voicemail). Each try is a forward of kind "try" and a `try` trace record
-- with the try's number, window and rule.

local function site(def)
  def.policy = "policies/follow_me.lua"
  def.lines = def.lines or { ["1000"] = { no_answer = "10s" }, ["2000"] = {}, ["3000"] = {}, ["3001"] = { cfna = "voicemail" } }
  def.devices = {
    boss = { lines = { "1000" } },
    assistant = { lines = { "2000" } },
    team = { lines = { { dn = "3000", busy_trigger = 1 } } },   -- busy with one call
    night = { lines = { "3001" } },
  }
  return def
end

local outside = "+14085550100"

scenario "ordered tries: the first try answers within its window" (site {
  steps = function(sim)
    local c = sim:call_at("1s", { from = outside, to = "1000" })
    sim:at("15s", "assistant", "answer")             -- try 1 rings 11s-21s
    sim:run_until("2m")
    expect(c.answered_by).is("assistant")
    expect(c.path).is({ "1000", "2000" })
    expect(c.forwards).is(1)
    local tried = sim:trace { kind = "try" }
    expect(#tried, "one try made").is(1)
    expect(tried[1].time).is(time("11s"))
    expect(tried[1].count).is(1)
    expect(tried[1].target).is("2000")
    expect(tried[1].duration, "its window").is(time("10s"))
    expect(tried[1].reason).is("first")
    expect(tried[1].rule).matches("follow_me.lua:17$")
    expect(sim:trace { kind = "forwarded", reason = "try" }[1].target).is("2000")
  end,
})

scenario "ordered tries: the first try times out after its window and the second answers" (site {
  steps = function(sim)
    local c = sim:call_at("1s", { from = outside, to = "1000" })
    sim:at("25s", "team", "answer")                  -- try 2 rings 21s-31s
    sim:run_until("2m")
    expect(c.answered_by).is("team")
    expect(c.path).is({ "1000", "2000", "3000" })
    expect(c.alerted).is({ "boss", "assistant", "team" })
    local timeout = sim:trace { kind = "no-answer-timeout", reason = "try" }[1]
    expect(timeout.time, "try 1's window, not 2000's own 12 s").is(time("21s"))
    expect(timeout.line).is("2000")
    local second = sim:trace { kind = "try" }[2]
    expect(second.count).is(2)
    expect(second.reason).is("no-answer")
    expect(second.time).is(time("21s"))
    expect(sim:trace { kind = "alert-stopped", device = "assistant" }[1].time).is(time("21s"))
  end,
})

scenario "ordered tries: a busy try moves on at once, without waiting for its window" (site {
  steps = function(sim)
    sim:at("0s", "assistant", "dnd", "reject")
    local busy = sim:call_at("1s", { from = "+14085550111", to = "3000" })   -- the team's phone is on a call
    sim:at("2s", "team", "answer")
    local c = sim:call_at("3s", { from = outside, to = "1000" })
    sim:at("14s", "night", "answer")
    sim:run_until("2m")
    expect(busy.answered_by).is("team")
    expect(c.skipped).is({ assistant = "dnd-reject", team = "busy" })
    expect(c.path).is({ "1000", "2000", "3000", "3001" })
    local tried = sim:trace { kind = "try", call = c }
    expect(#tried).is(3)
    expect(tried[2].reason).is("none-alerted")
    expect(tried[2].time, "2000 rang nowhere: the next try at once").is(time("13s"))
    expect(tried[3].time, "3000 is busy: the last try at once").is(time("13s"))
    expect(tried[3].duration, "the last try has no window").is_nil()
    expect(c.answered_by).is("night")
  end,
})

scenario "ordered tries: the last try's no-answer is its line's own: its timer, then its cfna (voicemail)" (site {
  steps = function(sim)
    local c = sim:call_at("1s", { from = outside, to = "1000" })
    sim:run_until("2m")
    expect(c.path).is({ "1000", "2000", "3000", "3001", "voicemail" })
    expect(c.outcome).is("voicemail")
    expect(c.detail).is("voicemail of 3001")
    expect(c.ended_at, "10 s + 10 s + 10 s + 3001's own 12 s").is(time("43s"))
    expect(c.forwards).is(4)
  end,
})

scenario "ordered tries: each try is a hop: the hop limit ends the call in the list" (site {
  hop_limit = 2,
  steps = function(sim)
    local c = sim:call_at("1s", { from = outside, to = "1000" })
    sim:run_until("2m")
    expect(c.path).is({ "1000", "2000", "3000" })
    expect(c.outcome).is("forward-limit")
    expect(c.ended_at, "try 3 would be the third forward").is(time("31s"))
  end,
})

scenario "ordered tries: a try to a line the call already visited is a forward loop" (site {
  lines = { ["1000"] = { no_answer = "10s" }, ["2000"] = { cfa = "1000" }, ["3000"] = {}, ["3001"] = {} },
  steps = function(sim)
    local c = sim:call_at("1s", { from = outside, to = "2000" })   -- 2000 forwards all to 1000
    sim:run_until("2m")
    expect(c.path).is({ "2000", "1000" })
    expect(c.outcome).is("forward-limit")
    expect(c.detail).is("forward loop: 2000 -> 1000 -> 2000")
    expect(sim:trace { kind = "try", call = c }[1].target).is("2000")
  end,
})
