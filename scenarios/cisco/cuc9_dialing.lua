-- CUC-9: before a number is dialed everything but letters and digits is
-- removed, letters become keypad digits (1800-GOTMILK -> 18004686455), then
-- the application dial rules apply (for example: prefix 9 to a 7-digit
-- number). A leading "+" is kept (Release 7.0).
--
-- Dial rules are ordered; the first that matches by leading digits and length
-- applies (Unified CM's application dial rules). `pbxsim dial` prints the same
-- analysis for any number.

local function names(steps)
  local list = {}
  for i, step in ipairs(steps) do list[i] = step.name .. " = " .. step.result end
  return list
end

local function office(def)
  def.policy = def.policy or "cisco_cucm"
  def.covers = { "CUC-9" }
  def.users = { alice = { mode = "softphone" } }
  def.lines = { ["1000"] = {}, ["95551234"] = {} }
  def.devices = { soft = { kind = "softphone", owner = "alice", lines = { "1000" } } }
  def.externals = { ["18004686455"] = "answer" }
  def.dialing = {
    application = {
      { name = "outside line", length = 7, prefix = "9" },
      { name = "never reached for 7 digits", length = 7, prefix = "8" },
    },
  }
  return def
end

scenario "1800-GOTMILK is dialed as 18004686455" (office {
  steps = function(sim)
    local analysis = sim:dial("1800-GOTMILK")
    expect(analysis.result).is("18004686455")
    expect(names(analysis.steps)).is({
      "dialed = 1800-GOTMILK",
      "keep letters and digits = 1800GOTMILK",
      "keypad letters = 18004686455",
      "application dial rules = 18004686455",
    })
    local c = sim:call_at("1s", { device = "soft", to = "1800-GOTMILK" })
    sim:run_until("2s")
    expect(c.routed).is("18004686455")
    expect(c.to, "what the user dialed").is("1800-GOTMILK")
    expect(c.outcome).is("answered")
    expect(c.answered_by).is("external 18004686455")
    expect(sim:trace { kind = "dialed" }[1].details).is("1800-GOTMILK -> 18004686455")
  end,
})

scenario "a 7-digit number gets the 9 of the first matching rule, only that rule" (office {
  steps = function(sim)
    local analysis = sim:dial("555-1234")
    expect(analysis.result).is("95551234")
    expect(analysis.steps[4].name).is("application dial rule 1 (outside line)")
    local c = sim:call_at("1s", { device = "soft", to = "555 1234" })
    sim:run_until("2s")
    expect(c.path[1], "routed to the line 95551234").is("95551234")
  end,
})

scenario "an 8-digit number matches no rule and stays as it is" (office {
  steps = function(sim)
    local analysis = sim:dial("5551-2345")
    expect(analysis.result).is("55512345")
    expect(analysis.steps[4].note).is("no rule matches a number of 8 characters")
  end,
})

scenario "a leading + is kept, the rest of the punctuation goes" (office {
  steps = function(sim)
    expect(sim:dial("+1 (408) 555-0100").result).is("+14085550100")
    expect(sim:dial("+1 (408) 555-0100").route).is("external +14085550100")
    expect(sim:dial("1+408").result, "only a leading + survives").is("1408")
  end,
})

scenario "before Release 7.0 the + is removed too" (office {
  policy = "policies/cupc_before_7.lua",
  steps = function(sim)
    expect(sim:dial("+1 (408) 555-0100").result).is("14085550100")
    expect(sim:dial("1800-GOTMILK").result).is("18004686455")
  end,
})

scenario "calls from outside reach a line through the same normalisation" (office {
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1-000" })
    sim:run_until("2s")
    expect(c.routed).is("1000")
    expect(c.alerted).is({ "soft" })
  end,
})
