-- 3CX status-based forwarding (TCX-1 … TCX-10, simulator/catalogue/extra.md)
-- under the vendor's policy alone (scripting/policies/threecx.lua) with one
-- site's rules (policies/site.lua): Alice (1000, a desk phone and a soft
-- phone) has set every status; Bob (2000) accepts a second call; Carol
-- (3000) and Dave (3001) are the ring group 800. Office hours: weekdays
-- 08:00-18:00.

local function site(def)
  def.policy = "policies/site.lua"
  def.calendar = {
    start = def.start or "Mon 09:00",
    office_hours = { { days = "weekdays", from = "08:00", to = "18:00" } },
  }
  def.start = nil
  def.users = { "alice", "bob", "carol", "dave" }
  def.lines = { ["1000"] = {}, ["2000"] = {}, ["3000"] = {}, ["3001"] = {} }
  def.devices = {
    alice_desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    alice_soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
    bob_desk = { kind = "deskphone", owner = "bob", lines = { "2000" } },
    carol = { owner = "carol", lines = { "3000" } },
    dave = { owner = "dave", lines = { "3001" } },
  }
  def.groups = { sales = { number = "800", strategy = "ring-all", members = { "3000", "3001" } } }
  return def
end

local outside = "+14085550100"

scenario "TCX-1: five statuses, a new extension is Available and its phones ring" (site {
  covers = { "TCX-1" },
  steps = function(sim)
    local c = sim:call_at("1s", { from = outside, to = "1000" })
    sim:at("3s", "alice_soft", "answer")
    sim:run_until("1m")
    expect(sim:user("alice").profiles).is({ "Available", "Away", "Do Not Disturb", "Lunch", "Business Trip" })
    expect(sim:user("alice").profile).is("Available")
    expect(c.alerted).is({ "alice_desk", "alice_soft" })
    expect(c.answered_by).is("alice_soft")
  end,
})

scenario "TCX-1: the selected status decides: the same call rings when Available, not when Away" (site {
  covers = { "TCX-1", "TCX-6" },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Away")
    local away = sim:call_at("2s", { from = outside, to = "1000" })
    sim:at("5s", "alice", "profile", "Available")
    local back = sim:call_at("6s", { from = outside, to = "1000" })
    sim:at("8s", "alice_desk", "answer")
    sim:run_until("1m")
    expect(away.alerted).is_empty()
    expect(away.skipped).is({ alice_desk = "status Away", alice_soft = "status Away" })
    expect(back.answered_by).is("alice_desk")
  end,
})

scenario "TCX-2: Available, an external call nobody answers in 20 s goes to the no-answer destination (Bob)" (site {
  covers = { "TCX-2", "TCX-8" },
  steps = function(sim)
    local c = sim:call_at("1s", { from = outside, to = "1000" })
    sim:at("25s", "bob_desk", "answer")
    sim:run_until("1m")
    expect(c.path).is({ "1000", "2000" })
    expect(c.alerted).is({ "alice_desk", "alice_soft", "bob_desk" })
    expect(c.answered_by).is("bob_desk")
    local forwarded = sim:trace { kind = "forwarded" }
    expect(forwarded[1].time, "20 s of ringing (the policy's default time)").is(time("21s"))
  end,
})

scenario "TCX-3: Available, an internal caller who is not answered goes to voicemail, not to Bob" (site {
  covers = { "TCX-3", "TCX-8" },
  steps = function(sim)
    local c = sim:call_at("1s", { device = "carol", to = "1000" })
    sim:run_until("1m")
    expect(c.alerted).is({ "alice_desk", "alice_soft" })
    expect(c.outcome).is("voicemail")
    expect(c.path).is({ "1000", "voicemail" })
  end,
})

scenario "TCX-4: Available and on a call: the next external caller hears busy; Bob, who accepts a second call, rings" (site {
  covers = { "TCX-4", "TCX-8" },
  steps = function(sim)
    local first = sim:call_at("1s", { from = outside, to = "1000" })
    sim:at("2s", "alice_desk", "answer")
    local second = sim:call_at("5s", { from = "+14085550111", to = "1000" })
    local internal = sim:call_at("6s", { device = "carol", to = "1000" })
    local bob_first = sim:call_at("7s", { from = outside, to = "2000" })
    sim:at("8s", "bob_desk", "answer")
    local bob_second = sim:call_at("9s", { from = "+14085550111", to = "2000" })
    sim:run_until("1m")
    expect(first.answered_by).is("alice_desk")
    expect(second.skipped, "both of Alice's phones: she is on a call").is({ alice_desk = "busy", alice_soft = "busy" })
    expect(second.outcome).is("busy")
    expect(internal.outcome, "internal callers: her busy rule says voicemail").is("voicemail")
    expect(bob_first.answered_by).is("bob_desk")
    expect(bob_second.alerted, "a second call rings Bob's phone").is({ "bob_desk" })
  end,
})

scenario "TCX-4: a call still ringing does not make the extension busy: a second caller rings too" (site {
  covers = { "TCX-4" },
  steps = function(sim)
    local first = sim:call_at("1s", { from = outside, to = "1000" })
    local second = sim:call_at("2s", { from = "+14085550111", to = "1000" })
    sim:at("3s", "alice_desk", "answer")
    sim:run_until("10s")
    expect(first.answered_by).is("alice_desk")
    expect(second.alerted).is({ "alice_desk", "alice_soft" })
  end,
})

scenario "TCX-5: Available with no phone registered: the busy rule, for each kind of caller" (site {
  covers = { "TCX-5" },
  steps = function(sim)
    sim:at("0s", "alice_desk", "unregister")
    sim:at("0s", "alice_soft", "unregister")
    local external = sim:call_at("1s", { from = outside, to = "1000" })
    local internal = sim:call_at("2s", { device = "bob_desk", to = "1000" })
    sim:run_until("1m")
    expect(external.skipped).is({ alice_desk = "unregistered", alice_soft = "unregistered" })
    expect(external.outcome).is("busy")
    expect(internal.outcome).is("voicemail")
  end,
})

scenario "TCX-6: Away sends external callers to the mobile and internal ones to voicemail, without ringing" (site {
  covers = { "TCX-6", "TCX-3", "TCX-8" },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Away")
    local external = sim:call_at("2s", { from = outside, to = "1000" })
    local internal = sim:call_at("3s", { device = "bob_desk", to = "1000" })
    sim:run_until("1m")
    expect(external.alerted).is_empty()
    expect(external.path).is({ "1000", "+491701234567" })
    expect(external.answered_by).is("external +491701234567")
    expect(internal.alerted).is_empty()
    expect(internal.outcome).is("voicemail")
  end,
})

scenario "TCX-6: Do Not Disturb gives internal callers busy and sends external ones to Bob's voicemail" (site {
  covers = { "TCX-6", "TCX-8" },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Do Not Disturb")
    local internal = sim:call_at("2s", { device = "carol", to = "1000" })
    local external = sim:call_at("3s", { from = outside, to = "1000" })
    sim:run_until("1m")
    expect(internal.alerted).is_empty()
    expect(internal.outcome).is("busy")
    expect(external.outcome).is("voicemail")
    expect(external.detail).is("voicemail of 2000")
  end,
})

scenario "TCX-7: Lunch sends internal callers to Bob and external ones to the ring group 800" (site {
  covers = { "TCX-7", "TCX-8" },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Lunch")
    local internal = sim:call_at("2s", { device = "carol", to = "1000" })
    local external = sim:call_at("3s", { from = outside, to = "1000" })
    sim:at("4s", "bob_desk", "answer")
    sim:at("5s", "dave", "answer")
    sim:run_until("1m")
    expect(internal.path).is({ "1000", "2000" })
    expect(internal.answered_by).is("bob_desk")
    expect(external.path).is({ "1000", "800" })
    expect(external.alerted).is({ "carol", "dave" })
    expect(external.answered_by).is("dave")
  end,
})

scenario "TCX-7: Business Trip sends external callers to an outside number, internal ones to voicemail" (site {
  covers = { "TCX-7", "TCX-8" },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Business Trip")
    local external = sim:call_at("2s", { from = outside, to = "1000" })
    local internal = sim:call_at("3s", { device = "bob_desk", to = "1000" })
    sim:run_until("1m")
    expect(external.answered_by).is("external +4930555000")
    expect(internal.outcome).is("voicemail")
  end,
})

scenario "TCX-9: an exception for one caller comes first: to Bob in office hours, whatever the status" (site {
  covers = { "TCX-9" },
  steps = function(sim)
    local available = sim:call_at("1s", { from = "+14085550199", to = "1000" })
    sim:at("2s", "bob_desk", "answer")
    sim:at("3s", "bob_desk", "hangup")
    sim:at("4s", "alice", "profile", "Do Not Disturb")
    local dnd = sim:call_at("5s", { from = "+14085550199", to = "1000" })
    local other = sim:call_at("6s", { from = outside, to = "1000" })
    sim:run_until("1m")
    expect(available.skipped).is({ alice_desk = "exception", alice_soft = "exception" })
    expect(available.path).is({ "1000", "2000" })
    expect(available.answered_by).is("bob_desk")
    expect(dnd.path, "Bob does not answer this one: his own no-answer default, voicemail").is({ "1000", "2000", "voicemail" })
    expect(other.detail, "another caller follows the status").is("voicemail of 2000")
  end,
})

scenario "TCX-9: outside office hours the first exception does not match: the next one disconnects" (site {
  covers = { "TCX-9" },
  start = "Sat 10:00",
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550199", to = "1000" })
    sim:run_until("1m")
    expect(c.alerted).is_empty()
    expect(c.outcome).is("rejected")
  end,
})

scenario "TCX-10: after 18:00 Available Alice is treated as Away; Bob, without an out-of-hours status, still rings" (site {
  covers = { "TCX-10" },
  start = "Mon 17:59",
  steps = function(sim)
    local before = sim:call_at("30s", { from = outside, to = "1000" })
    sim:at("35s", "alice_desk", "answer")
    sim:at("40s", "alice_desk", "hangup")
    local after = sim:call_at("2m", { from = outside, to = "1000" })
    local bob = sim:call_at("2m", { from = "+14085550111", to = "2000" })
    sim:run_until("5m")
    expect(before.answered_by, "17:59:30 is office hours").is("alice_desk")
    expect(after.alerted).is_empty()
    expect(after.skipped.alice_desk).is("status Away")
    expect(after.answered_by, "Away's external destination: the mobile").is("external +491701234567")
    expect(sim:user("alice").profile, "her status itself is unchanged").is("Available")
    expect(bob.alerted).is({ "bob_desk" })
  end,
})
