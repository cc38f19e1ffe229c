-- PP-5: the CTI host service applies a profile only at its own events (a
-- selection, an edit of the selected profile, a Phone Manager connect, a
-- hot-desk login); a manual change in between, such as manual DND, is kept.
-- PP-6: when the extension differs from the profile, the user is alerted
-- with the settings that differ.

local users = { alice = { presence_profiles = true } }
local lines = { ["1000"] = {}, ["1001"] = {}, ["2000"] = {} }
local devices = {
  desk = { owner = "alice", dee_main = true, lines = { "1000" } },
  soft = { kind = "softphone", owner = "alice", lines = { "1001" } },
  agent = { lines = { "2000" } },
}
local groups = { ucd = { number = "600", members = { "1000", "2000" } } }

scenario "PP-5: a manual DND is kept until the next CTI event re-applies the profile" {
  policy = "dee_presence", covers = { "PP-5" },
  users = users, lines = lines, devices = devices, groups = groups,
  steps = function(sim)
    sim:at("5s", "desk", "dnd", "reject")                     -- by hand, In the office says no DND
    local kept = sim:call_at("10s", "+4930123456", "1000")
    local still = sim:call_at("1m", "+4930123457", "1000")    -- time passing is no CTI event
    sim:at("2m", "alice", "profile", "In the office")         -- selecting is one
    local after = sim:call_at("2m1s", "+4930123458", "1000")
    sim:at("2m2s", "desk", "answer")
    sim:run()
    expect(kept.outcome, "manual DND kept").is("voicemail")
    expect(still.outcome, "still kept a minute later").is("voicemail")
    expect(after.answered_by, "DND removed by the selection").is("desk")
    local dnd = sim:trace { kind = "dnd", subject = "desk" }
    expect(#dnd).is(2)
    expect(dnd[2].details).is("off (was reject) by profile 'In the office'")
    expect(dnd[2].time).is(time("2m"))
  end,
}

scenario "PP-5: a Phone Manager connect is a CTI event: the profile is applied again" {
  policy = "dee_presence", covers = { "PP-5" },
  users = users, lines = lines, devices = devices, groups = groups,
  steps = function(sim)
    sim:at("5s", "desk", "dnd", "reject")
    sim:at("5s", "ucd", "logout", "1000")
    sim:at("10s", function()
      expect(sim:device("desk").dnd).is("reject")
      expect(sim:group("ucd").available).is({ "2000" })
    end)
    sim:at("20s", "alice", "phone-manager", "soft")
    sim:run_until("21s")
    expect(sim:device("desk").dnd).is("off")
    expect(sim:group("ucd").available, "UCD as the profile says").is({ "1000", "2000" })
    expect(sim:user("alice").mismatch).is_empty()
  end,
}

scenario "PP-5: changes made by the profile are not repeated between events" {
  policy = "dee_presence", covers = { "PP-5" },
  users = users, lines = lines, devices = devices, groups = groups,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "In a meeting")
    sim:at("2s", "desk", "dnd", "off")                         -- the user switches DND off by hand
    local c = sim:call_at("3s", "+4930123456", "1000")
    sim:run()
    expect(sim:user("alice").profile).is("In a meeting")
    expect(sim:device("desk").dnd, "the manual change stands").is("off")
    expect(c.skipped.desk, "the destination is still inactive").is("inactive")
    expect(c.outcome).is("voicemail")
  end,
}

scenario "PP-6: a manual change raises a mismatch alert naming the differing settings" {
  policy = "dee_presence", covers = { "PP-6" },
  users = users, lines = lines, devices = devices, groups = groups,
  steps = function(sim)
    sim:at("5s", "desk", "dnd", "reject")
    sim:at("6s", "ucd", "logout", "1000")
    sim:at("7s", "alice", "profile", "In the office")
    sim:run_until("8s")
    local alerts = sim:trace { kind = "profile-mismatch", subject = "alice" }
    expect(#alerts).is(2)
    expect(alerts[1].time).is(time("5s"))
    expect(alerts[1].details).is("'In the office': dnd on desk is reject, profile says off")
    expect(alerts[2].details).is("'In the office': dnd on desk is reject, profile says off; " ..
                                 "group calls in ucd are off, profile says on")
    local after = sim:trace { kind = "profile", subject = "alice" }
    expect(after[#after].details).is("devices match 'In the office' again")
    expect(sim:user("alice").mismatch).is_empty()
  end,
}

scenario "PP-6: no alert while the devices match the profile" {
  policy = "dee_presence", covers = { "PP-6" },
  users = users, lines = lines, devices = devices, groups = groups,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "On holiday")
    sim:at("2s", "desk", "dnd", "reject")                      -- already DND: nothing differs
    sim:at("3s", "desk", "dnd", "off")
    sim:run_until("4s")
    local alerts = sim:trace { kind = "profile-mismatch" }
    expect(#alerts).is(1)
    expect(alerts[1].time).is(time("3s"))
    expect(alerts[1].details).is("'On holiday': dnd on desk is off, profile says on")
    expect(sim:user("alice").mismatch).is({ "dnd on desk is off, profile says on" })
  end,
}
