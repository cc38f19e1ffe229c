-- CUC-6: DND ringer-off in desk-phone mode. The call is presented without an
-- audible alert on the desk phone, can be answered from the desk phone or the
-- soft phone, and shows in both devices' call history. Unanswered, it goes to
-- the CFNA target, or the caller hears busy when there is no CFNA target.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

local function ringer_off(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-6" }
  def.users = { alice = { mode = "deskphone" } }
  def.lines = { ["1000"] = def.line or {} }
  def.devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  }
  def.line = nil
  return def
end

scenario "ringer-off: presented silently on the desk phone, answered there" (ringer_off {
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "ringer-off")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("3s", function()
      expect(sim:device("desk").ringing, "presented on desk").is(1)
      expect(sim:device("soft").ringing, "notification on soft").is(1)
    end)
    sim:at("5s", "desk", "answer")
    sim:run()

    expect(c.silent, "no audible alert on the desk phone").contains("desk")
    expect(c.alerted).is({ "desk", "soft" })
    expect(c.answered_by).is("desk")
    expect(#sim:trace { kind = "alerted", subject = "desk" }).is(1)
    expect(first(sim:trace { kind = "alerted", subject = "desk" }).details).matches("silent$")
    local desk_recent = sim:device("desk").recent
    expect(desk_recent, "desk call history").has_size(1)
    expect(first(desk_recent).silent).is_true()
    expect(first(desk_recent).answered).is_true()
    expect(sim:device("soft").recent, "soft call history").has_size(1)
  end,
})

scenario "ringer-off: the silent call can be answered from the soft phone" (ringer_off {
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "ringer-off")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("5s", "soft", "answer")
    sim:run()
    expect(c.silent).contains("desk")
    expect(c.answered_by).is("soft")
    expect(c.outcome).is("answered")
    expect(first(sim:device("soft").recent).answered).is_true()
    expect(sim:device("desk").recent, "still in the desk phone's history").has_size(1)
    expect(first(sim:device("desk").recent).from).is("+14085550100")
  end,
})

scenario "ringer-off: unanswered, the call goes to the CFNA target" (ringer_off {
  line = { cfna = "voicemail" },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "ringer-off")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.silent).contains("desk")
    expect(c.outcome).is("voicemail")
    expect(c.ended_at, "after the 12 s no-answer timer").is(time("14s"))
    expect(sim:device("desk").recent).has_size(1)
    expect(sim:device("soft").recent).has_size(1)
  end,
})

scenario "ringer-off: unanswered with no CFNA target, the caller hears busy" (ringer_off {
  line = { cfna = "none" },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "ringer-off")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.silent).contains("desk")
    expect(c.outcome, "rejected with busy, not no-answer").is("busy")
    expect(c.ended_at).is(time("14s"))
  end,
})

scenario "without DND the same call rings audibly and rings out as no-answer" (ringer_off {
  line = { cfna = "none" },
  steps = function(sim)
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.silent).is_empty()
    expect(c.outcome).is("no-answer")
  end,
})
