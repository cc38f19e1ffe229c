-- Matrix: a call nobody answers, with and without a CFNA target.
-- Vendor-neutral (see dnd_shared_line.lua); each policy's outcomes are in
-- no_answer.lua.golden.

local function one_outcome_each(sim, calls)
  for _, c in ipairs(calls) do
    expect(#sim:trace { kind = "outcome", subject = "call-" .. c.id }, "outcomes of call-" .. c.id).is(1)
  end
end

local function ring_out(def)
  def.lines = { ["1000"] = def.line, ["2000"] = {} }
  def.devices = { desk = { kind = "deskphone", lines = { "1000" } }, colleague = { kind = "deskphone", lines = { "2000" } } }
  def.line = nil
  def.steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("20s", "colleague", "answer")  -- 2000 rings from 13s
    sim:run()
    one_outcome_each(sim, { c })
    expect(c.alerted[1], "the dialed line rings first").is("desk")
  end
  return def
end

scenario "no answer, CFNA to a colleague who answers" (ring_out { line = { cfna = "2000" } })
scenario "no answer, the line sets no CFNA target" (ring_out { line = {} })
scenario "no answer, the line's CFNA is explicitly none" (ring_out { line = { cfna = "none" } })
scenario "no answer after the line's own 5 s timer, CFNA to voicemail" (ring_out {
  line = { cfna = "voicemail", no_answer = "5s" },
})
