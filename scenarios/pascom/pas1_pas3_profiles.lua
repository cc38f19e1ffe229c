-- PAS-1: the system profiles "Available" (activates all of the user's
-- endpoints) and "DND" (deactivates all of them) exist from the start and
-- cannot be deleted. PAS-2: client profiles need the role profile.personal;
-- a server-side profile is offered to the roles it names (default "All").
-- PAS-3: a profile has name, colour, icon, icon visibility, sticky flag and roles.

local users = { alice = { roles = { "profile.personal" } } }
local lines = { ["1000"] = { cfna = "voicemail" } }
local devices = {
  desk = { owner = "alice", lines = { "1000" } },
  soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  mobile = { kind = "mobile", owner = "alice", lines = { "1000" } },
}

scenario "PAS-1: Available and DND exist from the start; Available is selected" {
  policy = "pascom", covers = { "PAS-1" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:user("alice").profiles).is({ "Available", "DND" })
    expect(sim:user("alice").profile).is("Available")
    expect(sim:profile("alice", "Available").system).is_true()
    expect(sim:profile("alice", "DND").system).is_true()
  end,
}

scenario "PAS-1: DND deactivates every endpoint, Available activates them again" {
  policy = "pascom", covers = { "PAS-1" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "DND")
    local dnd = sim:call_at("2s", "+4930123456", "1000")
    sim:at("3s", "alice", "profile", "Available")
    local available = sim:call_at("4s", "+4930123457", "1000")
    sim:at("5s", "soft", "answer")
    sim:run()
    expect(dnd.skipped).is({ desk = "inactive", mobile = "inactive", soft = "inactive" })
    expect(dnd.outcome).is("voicemail")
    expect(available.alerted).is({ "desk", "mobile", "soft" })
    expect(available.answered_by).is("soft")
  end,
}

scenario "PAS-1: neither system profile can be deleted, by the admin or by the user" {
  policy = "pascom", covers = { "PAS-1", "PAS-9" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("1s", "admin", "profile-delete", "DND")
    sim:at("2s", "admin", "profile-delete", "Available")
    sim:at("3s", "alice", "profile-delete", "DND")
    sim:run_until("4s")
    local refused = sim:trace { kind = "profile-refused" }
    expect(#refused).is(3)
    expect(refused[1].details).is("delete 'DND': a system profile cannot be deleted")
    expect(refused[2].details).is("delete 'Available': a system profile cannot be deleted")
    expect(refused[3].details).is("delete 'DND': only an administrator changes a server-side profile")
    expect(sim:user("alice").profiles).is({ "Available", "DND" })
  end,
}

scenario "PAS-2: without the role profile.personal a user cannot use or create client profiles" {
  policy = "pascom", covers = { "PAS-2" },
  users = { alice = { roles = { "profile.personal" } }, bob = {} },
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = { desk = { owner = "alice", lines = { "1000" } }, phone = { owner = "bob", lines = { "2000" } } },
  steps = function(sim)
    sim:at("1s", "bob", "profile", "DND")
    sim:at("2s", "bob", "profile-add", "Focus", { enter = { { "followme", "desk" } } })
    sim:at("3s", "alice", "profile-add", "Focus", { enter = { { "followme", "desk" } } })
    local c = sim:call_at("4s", "+4930123456", "2000")
    sim:run_until("5s")
    expect(sim:user("bob").profile, "bob has no client profile").is_nil()
    local refused = sim:trace { kind = "profile-refused", subject = "bob" }
    expect(refused[#refused - 1].details).is("select 'DND': the user does not have the role profile.personal")
    expect(refused[#refused].details).is("add 'Focus': creating personal profiles needs the role profile.personal")
    expect(c.alerted, "bob's phone is not switched off").is({ "phone" })
    expect(sim:user("alice").profiles).is({ "Available", "DND", "Focus" })
  end,
}

scenario "PAS-2: a server-side profile is offered only to the roles it names" {
  policy = "pascom", covers = { "PAS-2" },
  users = { alice = { roles = { "profile.personal", "sales" } }, bob = { roles = { "profile.personal" } } },
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = { desk = { owner = "alice", lines = { "1000" } }, phone = { owner = "bob", lines = { "2000" } } },
  profiles = {
    ["Customer visit"] = { roles = { "sales" }, enter = { { "followme", "mobile" } } },
    ["Lunch"] = { enter = { { "followme", "none" } } },          -- no roles: "All"
  },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Customer visit")
    sim:at("1s", "bob", "profile", "Customer visit")
    sim:at("2s", "bob", "profile", "Lunch")
    sim:run_until("3s")
    expect(sim:user("alice").profiles).is({ "Available", "DND", "Customer visit", "Lunch" })
    expect(sim:user("bob").profiles).is({ "Available", "DND", "Lunch" })
    expect(sim:profile("alice", "Lunch").roles).is({ "All" })
    expect(sim:user("alice").profile).is("Customer visit")
    expect(sim:user("bob").profile).is("Lunch")
    local refused = sim:trace { kind = "profile-refused", subject = "bob" }
    expect(refused[1].details).is("select 'Customer visit': the profile is not offered to the user's roles")
  end,
}

scenario "PAS-3: a profile's name, colour, icon, icon visibility, sticky flag and roles" {
  policy = "pascom", covers = { "PAS-3" },
  users = users, lines = lines, devices = devices,
  profiles = {
    Meeting = { color = "purple", icon = "calendar", icon_visible = true, sticky = true, roles = { "All" } },
    Quiet = { color = "grey", icon = "moon", icon_visible = false },
  },
  steps = function(sim)
    local meeting = sim:profile("alice", "Meeting")
    expect({ meeting.name, meeting.color, meeting.icon, meeting.icon_visible, meeting.sticky, meeting.roles })
      .is({ "Meeting", "purple", "calendar", true, true, { "All" } })
    sim:at("1s", "alice", "profile", "Meeting")
    sim:at("2s", function() expect(sim:user("alice").presence_icon, "shown in the presence").is("calendar") end)
    sim:at("3s", "alice", "profile", "Quiet")
    sim:run_until("4s")
    expect(sim:user("alice").profile).is("Quiet")
    expect(sim:user("alice").presence_icon, "icon visibility off: no icon").is_nil()
    expect(sim:profile("alice", "Quiet").sticky).is_false()
  end,
}
