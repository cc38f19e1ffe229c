-- Matrix: registrations past a line's limit. Vendor-neutral (see
-- dnd_shared_line.lua); each policy's outcomes are in
-- registrations_limit.lua.golden. A policy refuses the newest registration
-- or replaces the oldest (CORE-2); the call shows which phone kept the line.

local function one_outcome_each(sim, calls)
  for _, c in ipairs(calls) do
    expect(#sim:trace { kind = "outcome", subject = "call-" .. c.id }, "outcomes of call-" .. c.id).is(1)
  end
end

scenario "max registrations 1: a second phone registers, then a call comes in" {
  lines = { ["1000"] = { max_registrations = 1 } },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    soft = { kind = "softphone", lines = { "1000" }, register = { at_start = false } },
  },
  steps = function(sim)
    sim:at("10s", "soft", "register", "1h")
    local c = sim:call_at("20s", { from = "+14085550100", to = "1000" })
    sim:at("22s", "soft", "answer")  -- whichever phone kept the line answers
    sim:at("22s", "desk", "answer")
    sim:run_until("25s")
    expect(sim:line("1000").registrations, "never more than the limit").at_most(1)
    sim:run()
    one_outcome_each(sim, { c })
  end,
}

scenario "max registrations 2: a third phone registers, then a call comes in" {
  lines = { ["1000"] = { max_registrations = 2 } },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    soft = { kind = "softphone", lines = { "1000" } },
    mobile = { kind = "mobile", lines = { "1000" }, register = { at_start = false } },
  },
  steps = function(sim)
    sim:at("10s", "mobile", "register", "1h")
    local c = sim:call_at("20s", { from = "+14085550100", to = "1000" })
    sim:at("22s", "mobile", "answer")  -- the newest phone answers if it kept the line
    sim:at("23s", "desk", "answer")
    sim:run_until("25s")
    expect(sim:line("1000").registrations, "never more than the limit").at_most(2)
    sim:run()
    one_outcome_each(sim, { c })
  end,
}
