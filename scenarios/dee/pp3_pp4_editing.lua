-- PP-3: a user may add, edit and delete profiles, except that the selected
-- profile cannot be deleted. PP-4: editing the selected profile takes effect
-- at once.

local users = { alice = { presence_profiles = true } }
local lines = { ["1000"] = {} }
local devices = {
  desk = { owner = "alice", dee_main = true, lines = { "1000" } },
  mobile = { kind = "mobile", owner = "alice", lines = { "1000" } },
}

scenario "PP-3: deleting the selected profile is refused; deleting another one works" {
  policy = "dee_presence", covers = { "PP-3" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "On holiday")
    sim:at("2s", "alice", "profile-delete", "On holiday")     -- selected: refused
    sim:at("3s", "alice", "profile-delete", "In a meeting")   -- not selected: deleted
    sim:at("4s", "alice", "profile", "In a meeting")          -- gone
    sim:run_until("5s")
    local refused = sim:trace { kind = "profile-refused" }
    expect(#refused).is(2)
    expect(refused[1].details).is("delete 'On holiday': the selected profile cannot be deleted: select another profile first")
    expect(refused[2].details).matches("^select 'In a meeting': no such profile")
    expect(sim:user("alice").profiles).is({ "In the office", "Do Not Disturb", "Out of the office",
                                             "Working from home", "On holiday" })
    expect(sim:user("alice").profile).is("On holiday")
  end,
}

scenario "PP-3: a user adds a profile of their own and uses it; calls follow it" {
  policy = "dee_presence", covers = { "PP-3" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile-add", "Mobile only", { destinations = { "external", "voicemail" }, dnd = false,
                                                        forward = "none", group_calls = false })
    sim:at("2s", "alice", "profile", "Mobile only")
    local c = sim:call_at("3s", "+4930123456", "1000")
    sim:run()
    expect(sim:user("alice").profiles[7]).is("Mobile only")
    expect(sim:profile("alice", "Mobile only").origin).is("personal")
    expect(c.alerted).is({ "mobile" })
    expect(c.outcome, "unanswered: the voicemail destination is on").is("voicemail")
  end,
}

scenario "PP-3: editing a profile that is not selected changes nothing until it is selected" {
  policy = "dee_presence", covers = { "PP-3" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile-edit", "Out of the office", { destinations = { "desk" } })
    local before = sim:call_at("2s", "+4930123456", "1000")
    sim:at("3s", "desk", "answer")
    sim:at("5s", "alice", "profile", "Out of the office")
    local after = sim:call_at("6s", "+4930123456", "1000")
    sim:at("7s", "desk", "answer")
    sim:run()
    expect(sim:profile("alice", "Out of the office").destinations).is({ "desk" })
    expect(before.alerted, "still In the office").is({ "desk", "mobile" })
    expect(after.alerted, "the edited profile").is({ "desk" })
  end,
}

scenario "PP-4: editing the selected profile takes effect at once" {
  policy = "dee_presence", covers = { "PP-4" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    local before = sim:call_at("1s", "+4930123456", "1000")
    sim:at("2s", "desk", "answer")
    sim:at("5s", "alice", "profile-edit", "In the office", { dnd = true })
    sim:at("5s", function() expect(sim:device("desk").dnd, "DND at the moment of the edit").is("reject") end)
    local after = sim:call_at("6s", "+4930123456", "1000")
    sim:run()
    expect(before.answered_by).is("desk")
    expect(after.outcome).is("voicemail")
    expect(after.alerted).is_empty()
    local edits = sim:trace { kind = "profile", subject = "alice" }
    expect(edits[#edits].details).is("'In the office' edited: dnd")
    expect(#sim:trace { kind = "profile-mismatch" }, "the devices follow the edit").is(0)
  end,
}

scenario "PP-4: an edit of the selected forward destination moves the forward at once" {
  policy = "dee_presence", covers = { "PP-4" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Working from home", { forward = "+4930111" })
    sim:at("2s", "alice", "profile-edit", "Working from home", { forward = "+4930222" })
    local c = sim:call_at("3s", "+4930123456", "1000")
    sim:run()
    expect(c.path).is({ "1000", "+4930222" })
  end,
}
