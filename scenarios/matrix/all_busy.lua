-- Matrix: every appearance of a line busy. Vendor-neutral (see
-- dnd_shared_line.lua); each policy's outcomes are in all_busy.lua.golden.
--
-- Line 1000 is on a desk phone and a soft phone that take one call each.
-- The phones have no owner, so DND set on one stays on that phone.

local function one_outcome_each(sim, calls)
  for _, c in ipairs(calls) do
    expect(#sim:trace { kind = "outcome", subject = "call-" .. c.id }, "outcomes of call-" .. c.id).is(1)
  end
end

local function busy_line(def)
  def.lines = { ["1000"] = def.line or {} }
  def.devices = {
    desk = { kind = "deskphone", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } },
    soft = { kind = "softphone", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } },
  }
  def.line = nil
  return def
end

-- Calls 1 and 2 are answered, one on each phone; call 3 finds both busy.
local function fill_then_call(sim)
  local calls = {}
  calls[1] = sim:call_at("1s", { from = "+14085550101", to = "1000" })
  sim:at("2s", "desk", "answer")
  calls[2] = sim:call_at("3s", { from = "+14085550102", to = "1000" })
  sim:at("4s", "soft", "answer")
  calls[3] = sim:call_at("5s", { from = "+14085550103", to = "1000" })
  return calls
end

scenario "both appearances busy, the line forwards busy calls to voicemail" (busy_line {
  line = { cfb = "voicemail" },
  steps = function(sim)
    local calls = fill_then_call(sim)
    sim:run()
    one_outcome_each(sim, calls)
    expect(calls[3].alerted, "a busy appearance is not alerted").is_empty()
  end,
})

scenario "both appearances busy, the line has no forward targets" (busy_line {
  steps = function(sim)
    local calls = fill_then_call(sim)
    sim:run()
    one_outcome_each(sim, calls)
  end,
})

scenario "one appearance busy, the other in DND reject, no forward targets" (busy_line {
  description = "Is a line busy when one appearance is busy and the other rejects? Policies that test busy "
    .. "before DND, and those that divert all-rejecting lines, disagree.",
  steps = function(sim)
    sim:at("500ms", "soft", "dnd", "reject")
    local first = sim:call_at("1s", { from = "+14085550101", to = "1000" })
    sim:at("2s", "desk", "answer")
    local second = sim:call_at("3s", { from = "+14085550102", to = "1000" })
    sim:run()
    one_outcome_each(sim, { first, second })
  end,
})
