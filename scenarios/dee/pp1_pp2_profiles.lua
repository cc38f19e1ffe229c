-- PP-1: presence profiles need the primary extension to be a DEE main device
-- and "Enable Presence Profiles" on the client profile.
-- PP-2: every user starts with six profiles, exactly as the seed's table.

-- Alice: primary extension 1000 on her desk phone (the DEE main device),
-- with a soft phone and her mobile as further DEE destinations.
local users = { alice = { presence_profiles = true } }
local lines = { ["1000"] = {} }
local devices = {
  desk = { owner = "alice", dee_main = true, lines = { "1000" } },
  soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  mobile = { kind = "mobile", owner = "alice", lines = { "1000" } },
}

scenario "PP-1: without a DEE main device as primary extension, selecting a profile is refused" {
  policy = "dee_presence", covers = { "PP-1" },
  users = users, lines = lines,
  devices = { desk = { owner = "alice", lines = { "1000" } } },      -- not a DEE main device
  steps = function(sim)
    sim:at("1s", "alice", "profile", "In a meeting")
    local c = sim:call_at("2s", "+4930123456", "1000")
    sim:run()
    local refused = sim:trace { kind = "profile-refused", subject = "alice" }
    expect(#refused, "refused at start and at the selection").is(2)
    expect(refused[2].details).is("select 'In a meeting': the user's primary extension is not a Dynamic Extension Express main device")
    expect(sim:user("alice").profile).is_nil()
    expect(c.alerted, "nothing changed").is({ "desk" })
  end,
}

scenario "PP-1: without Enable Presence Profiles on the client profile, selecting is refused" {
  policy = "dee_presence", covers = { "PP-1" },
  users = { alice = {} }, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "On holiday")
    sim:run_until("2s")
    local refused = sim:trace { kind = "profile-refused" }
    expect(refused[#refused].details).is("select 'On holiday': Enable Presence Profiles is not set on the user's client profile")
    expect(sim:user("alice").profile).is_nil()
  end,
}

scenario "PP-1: with both, the user starts in the default profile and can select another" {
  policy = "dee_presence", covers = { "PP-1", "PP-2" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:user("alice").profile, "the default profile").is("In the office")
    sim:at("2s", "alice", "profile", "On holiday")
    sim:run_until("3s")
    expect(sim:user("alice").profile).is("On holiday")
    expect(#sim:trace { kind = "profile-refused" }).is(0)
  end,
}

scenario "PP-2: the six default profiles, in order, with the seed's settings" {
  policy = "dee_presence", covers = { "PP-2" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    expect(sim:user("alice").profiles).is({ "In the office", "Do Not Disturb", "Out of the office", "In a meeting",
                                             "Working from home", "On holiday" })
    local all = { "desk", "softphone", "external", "voicemail" }
    local function settings(name)
      local p = sim:profile("alice", name)
      return { p.destinations, p.dnd, p.dnd_prompt, p.forward, p.forward_prompt, p.group_calls }
    end
    expect(settings("In the office")).is({ all, false, false, "none", false, true })
    expect(settings("Do Not Disturb")).is({ all, true, true, "none", false, false })
    expect(settings("Out of the office")).is({ { "external" }, false, false, "none", false, false })
    expect(settings("In a meeting")).is({ { "voicemail" }, true, false, "none", false, false })
    expect(settings("Working from home")).is({ { "voicemail" }, false, false, nil, true, false })
    expect(settings("On holiday")).is({ { "voicemail" }, true, false, "none", false, false })
  end,
}

scenario "PP-2: In the office rings every DEE destination" {
  policy = "dee_presence", covers = { "PP-2" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    local c = sim:call_at("1s", "+4930123456", "1000")
    sim:at("3s", "mobile", "answer")
    sim:run()
    expect(c.alerted).is({ "desk", "mobile", "soft" })
    expect(c.answered_by).is("mobile")
  end,
}

scenario "PP-2: Out of the office rings only the external destination, with no voicemail" {
  policy = "dee_presence", covers = { "PP-2" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Out of the office")
    local c = sim:call_at("2s", "+4930123456", "1000")
    sim:run()
    expect(c.alerted).is({ "mobile" })
    expect(c.skipped).is({ desk = "inactive", soft = "inactive" })
    expect(c.outcome, "the voicemail destination is off").is("no-answer")
    expect(sim:device("desk").active).is_false()
    expect(sim:line("1000").voicemail).is_false()
  end,
}

scenario "PP-2: In a meeting and On holiday send a call straight to voicemail" {
  policy = "dee_presence", covers = { "PP-2" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "In a meeting")
    local meeting = sim:call_at("2s", "+4930123456", "1000")
    sim:at("3s", "alice", "profile", "On holiday")
    local holiday = sim:call_at("4s", "+4930123456", "1000")
    sim:run()
    for _, c in ipairs { meeting, holiday } do
      expect(c.outcome).is("voicemail")
      expect(c.alerted).is_empty()
      expect(c.ended_at, "at once").is(c.offered_at)
    end
    expect(sim:device("desk").dnd).is("reject")
  end,
}

scenario "PP-2: Do Not Disturb prompts at selection; the answer decides DND" {
  policy = "dee_presence", covers = { "PP-2" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Do Not Disturb")          -- accepted as it stands: DND on
    local on = sim:call_at("2s", "+4930123456", "1000")
    sim:at("3s", "alice", "profile", "In the office")
    sim:at("4s", "alice", "profile", "Do Not Disturb", { dnd = false })   -- answered "no"
    local off = sim:call_at("5s", "+4930123456", "1000")
    sim:at("6s", "desk", "answer")
    sim:run()
    expect(on.outcome).is("voicemail")
    expect(on.skipped).is({ desk = "dnd-reject", mobile = "dnd-reject", soft = "dnd-reject" })
    expect(off.alerted).is({ "desk", "mobile", "soft" })
    expect(off.answered_by).is("desk")
  end,
}

scenario "PP-2: Working from home asks for a forward destination and forwards every call there" {
  policy = "dee_presence", covers = { "PP-2" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Working from home")                              -- no destination
    sim:at("2s", "alice", "profile", "Working from home", { forward = "+4930999000" })
    local c = sim:call_at("3s", "+4930123456", "1000")
    sim:run()
    local refused = sim:trace { kind = "profile-refused" }
    expect(#refused).is(1)
    expect(refused[1].details).contains("asks for a forward destination")
    expect(c.path).is({ "1000", "+4930999000" })
    expect(c.outcome).is("answered")
    expect(sim:line("1000").cfa).is("external +4930999000")
  end,
}

scenario "PP-2: only In the office takes UCD group calls" {
  policy = "dee_presence", covers = { "PP-2", "CORE-6" },
  users = users,
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = {
    desk = { owner = "alice", dee_main = true, lines = { "1000" } },
    agent = { lines = { "2000" } },
  },
  groups = { ucd = { number = "600", strategy = "ring-all", members = { "1000", "2000" } } },
  steps = function(sim)
    local office = sim:call_at("1s", "+4930123456", "600")
    sim:at("2s", "agent", "answer")
    sim:at("3s", "alice", "profile", "Out of the office")
    local out = sim:call_at("4s", "+4930123456", "600")
    sim:at("5s", "agent", "answer")
    sim:run()
    expect(office.alerted).is({ "desk", "agent" })
    expect(out.alerted).is({ "agent" })
    expect(out.skipped["1000"]).is("logged-out")
    expect(sim:group("ucd").available).is({ "2000" })
  end,
}
