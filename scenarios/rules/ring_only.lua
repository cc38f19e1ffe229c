-- Ring only these appearances (policies/assistant_desk.lua): the boss's
-- unanswered calls ring only the assistant's desk phone of her shared line
-- 1001; her soft phone is skipped with reason "ring-only".

local function site(def)
  def.policy = "policies/assistant_desk.lua"
  def.lines = { ["1000"] = { no_answer = "10s" }, ["1001"] = { cfna = "voicemail" } }
  def.devices = {
    boss = { lines = { "1000" } },
    assistant_desk = { kind = "deskphone", lines = { "1001" } },
    assistant_soft = { kind = "softphone", lines = { "1001" } },
  }
  return def
end

local outside = "+14085550100"

scenario "ring only these appearances: the boss's unanswered call rings the assistant's desk phone, not her soft phone" (site {
  steps = function(sim)
    local c = sim:call_at("1s", { from = outside, to = "1000" })
    sim:at("13s", "assistant_desk", "answer")
    sim:run_until("1m")
    expect(c.path).is({ "1000", "1001" })
    expect(c.alerted).is({ "boss", "assistant_desk" })
    expect(c.skipped).is({ assistant_soft = "ring-only" })
    expect(c.answered_by).is("assistant_desk")
    local skipped = sim:trace { kind = "skipped", device = "assistant_soft" }[1]
    expect(skipped.reason).is("ring-only")
    expect(skipped.rule, "the rule that chose the devices").matches("assistant_desk.lua:12$")
  end,
})

scenario "ring only these appearances: with the listed phone in DND nothing rings, and the line's own rule decides" (site {
  steps = function(sim)
    sim:at("0s", "assistant_desk", "dnd", "reject")
    local c = sim:call_at("1s", { from = outside, to = "1000" })
    sim:run_until("1m")
    expect(c.skipped).is({ assistant_desk = "dnd-reject", assistant_soft = "ring-only" })
    expect(c.alerted).is({ "boss" })
    expect(c.outcome).is("voicemail")
    expect(c.path).is({ "1000", "1001", "voicemail" })
  end,
})

scenario "ring only these appearances: a call dialed to the assistant's line still rings both phones" (site {
  steps = function(sim)
    local c = sim:call_at("1s", { from = outside, to = "1001" })
    sim:at("3s", "assistant_soft", "answer")
    sim:run_until("1m")
    expect(c.alerted).is({ "assistant_desk", "assistant_soft" })
    expect(c.answered_by).is("assistant_soft")
  end,
})
