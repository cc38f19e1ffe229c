-- Call park and retrieve (Cisco Unified Communications Manager Features and
-- Services Guide, "Call Park"): a connected call is parked on the first free
-- number of the call park range, any phone retrieves it by dialing that
-- number, and when the Call Park Reversion Timer (60 s) runs out the call
-- rings the phone that parked it again. IDs: simulator/catalogue/extra.md.

local function site(def)
  def.policy = "cisco_cucm"
  def.lines = { ["1001"] = {}, ["1002"] = {}, ["1003"] = {} }
  def.devices = {
    desk = { kind = "deskphone", lines = { "1001" } },
    lobby = { kind = "deskphone", lines = { "1002" } },
    office = { kind = "deskphone", lines = { "1003" } },
  }
  def.call_park = def.call_park or { numbers = "701-702" }
  return def
end

scenario "park 1: the answered call parked by the desk waits on 701 and leaves the desk" (site {
  covers = { "PARK-1" },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("2s", "desk", "answer")
    sim:at("5s", "desk", "park")
    sim:run_until("6s")
    expect(c.state).is("parked")
    expect(c.parked_on).is("701")
    expect(c.outcome, "the outcome was settled when the desk answered").is("answered")
    expect(#sim:trace { kind = "parked", call = c, device = "desk", target = "701" }).is(1)
    -- The desk is free again: a second call to it rings.
    local second = sim:call_at("7s", { from = "+14085550101", to = "1001" })
    sim:run_until("8s")
    expect(second.alerted).is({ "desk" })
  end,
})

scenario "park 2: the lobby phone dials 701 and gets the parked call; 701 is free again" (site {
  covers = { "PARK-2" },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("2s", "desk", "answer")
    sim:at("5s", "desk", "park")
    local retrieve = sim:call_at("20s", { device = "lobby", to = "701" })
    sim:run_until("21s")
    expect(c.state).is("connected")
    expect(c.parked_on).is(nil)
    expect(#sim:trace { kind = "retrieved", call = c, device = "lobby", target = "701" }).is(1)
    expect(retrieve.outcome, "the dialing call is answered by the park and merges into the parked one").is("answered")
    expect(retrieve.state).is("ended")
    expect(sim:dial("701").route, "the number is free again").is("park 701")
    -- Hanging up on the lobby phone ends the retrieved call.
    sim:at("30s", "lobby", "hangup")
    sim:run_until("31s")
    expect(c.state).is("ended")
    expect(sim:trace { kind = "released", call = c }[1].target).is("lobby")
  end,
})

scenario "park 2: dialing a park number where no call waits is refused" (site {
  covers = { "PARK-2" },
  steps = function(sim)
    local nobody = sim:call_at("1s", { device = "lobby", to = "702" })
    sim:run_until("2s")
    expect(nobody.outcome).is("rejected")
    expect(nobody.detail).is("no call is parked on 702")
  end,
})

scenario "park 3: unretrieved for 60 s, the call rings the desk again and the desk answers it" (site {
  covers = { "PARK-3" },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("2s", "desk", "answer")
    sim:at("5s", "desk", "park")
    sim:run_until("64s")
    expect(c.state, "59 s after parking it still waits").is("parked")
    sim:run_until("65s")
    expect(c.state, "at 65 s the reversion timer ran out").is("alerting")
    expect(#sim:trace { kind = "park-reverted", call = c, device = "desk" }).is(1)
    expect(sim:dial("701").detail, "the park number is free once the call reverted").is("a park number, free")
    sim:at("70s", "desk", "answer")
    sim:run_until("71s")
    expect(c.state).is("connected")
    expect(#sim:trace { kind = "retrieved", call = c, device = "desk" }).is(1)
  end,
})

scenario "park 3: the scenario's own park number and a 30 s reversion timer" (site {
  covers = { "PARK-3" },
  call_park = { numbers = { "801" }, reversion = "30s" },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("2s", "desk", "answer")
    sim:at("5s", "desk", "park")
    sim:run_until("34s")
    expect(c.parked_on).is("801")
    sim:run_until("36s")
    expect(c.state, "reverted at 35 s").is("alerting")
  end,
})

scenario "park 4: a reverted call the desk does not answer is released after the no-answer time" (site {
  covers = { "PARK-4" },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("2s", "desk", "answer")
    sim:at("5s", "desk", "park")
    sim:run_until("90s")
    expect(c.state).is("ended")
    expect(c.outcome, "still the one outcome it had").is("answered")
    expect(sim:trace { kind = "released", call = c }[1].target).is("park reversion not answered")
  end,
})

scenario "park 4: the caller hangs up while parked and the park number is free again" (site {
  covers = { "PARK-4" },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("2s", "desk", "answer")
    sim:at("5s", "desk", "park")
    sim:at("10s", c, "hangup")
    sim:run_until("11s")
    expect(c.state).is("ended")
    expect(sim:dial("701").detail).is("a park number, free")
    sim:run_until("90s")
    expect(#sim:trace { kind = "park-reverted" }, "no reversion for a call that ended").is(0)
  end,
})

scenario "park 5: with 701 and 702 taken, a third park is refused and the call stays connected" (site {
  covers = { "PARK-5" },
  steps = function(sim)
    local first = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    local second = sim:call_at("1s", { from = "+14085550101", to = "1002" })
    local third = sim:call_at("1s", { from = "+14085550102", to = "1003" })
    sim:at("2s", "desk", "answer")
    sim:at("2s", "lobby", "answer")
    sim:at("2s", "office", "answer")
    sim:at("5s", "desk", "park")
    sim:at("6s", "lobby", "park")
    sim:at("7s", "office", "park")
    sim:run_until("8s")
    expect(first.parked_on).is("701")
    expect(second.parked_on).is("702")
    expect(third.state).is("connected")
    expect(sim:trace { kind = "ignored", device = "office" }[1].note).is("park: every park number is taken")
  end,
})

scenario "park 6: the desk went into DND reject after parking; the reverted call still rings it" (site {
  covers = { "PARK-6" },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("2s", "desk", "answer")
    sim:at("5s", "desk", "park")
    sim:at("6s", "desk", "dnd", "reject")
    local other = sim:call_at("10s", { from = "+14085550101", to = "1001" })
    sim:run_until("66s")
    expect(other.alerted, "a new call honours the DND").is({})
    expect(c.state, "the reversion overrides it").is("alerting")
    expect(#sim:trace { kind = "alerted", call = c, device = "desk" }, "when it arrived and when it reverted").is(2)
  end,
})
