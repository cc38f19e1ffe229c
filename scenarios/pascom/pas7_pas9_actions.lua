-- PAS-7: the actions — FollowMe settings, GSM mode, team login / logout /
-- pause / unpause, set / unset workplace, set / unset redirect — each a real
-- change later calls observe. PAS-8: enter and leave chains run in order,
-- the old profile's leave chain before the new one's enter chain (assumed).
-- PAS-9: a saved server-side profile is usable at once; an admin profile can
-- be deleted, a system profile cannot.

local users = { alice = { roles = { "profile.personal" } } }
local lines = { ["1000"] = { cfna = "voicemail" }, ["2000"] = {} }
local devices = {
  desk = { owner = "alice", lines = { "1000" } },
  mobile = { kind = "mobile", owner = "alice", lines = { "1000" }, register = false },  -- the app is not running
  agent = { lines = { "2000" } },
  hotdesk = { workplace = true, lines = { "1000" } },
}
local teams = { support = { number = "700", members = { "1000", "2000" } } }

scenario "PAS-7: FollowMe settings choose which endpoints ring" {
  policy = "pascom", covers = { "PAS-7" },
  users = users, lines = lines, devices = devices,
  profiles = { Desk = { enter = { { "followme", "desk" } } }, Away = { enter = { { "followme", "mobile" } } } },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Away")
    local away = sim:call_at("2s", "+4930123456", "1000")
    sim:at("3s", "alice", "profile", "Desk")
    local desk = sim:call_at("4s", "+4930123457", "1000")
    sim:at("5s", "desk", "answer")
    sim:run()
    expect(away.skipped).is({ desk = "inactive", hotdesk = "inactive", mobile = "unregistered" })
    expect(desk.alerted).is({ "desk" })
    expect(sim:device("mobile").active).is_false()
  end,
}

scenario "PAS-7: GSM mode reaches the mobile over the mobile network" {
  policy = "pascom", covers = { "PAS-7" },
  users = users, lines = lines, devices = devices,
  profiles = { Travel = { enter = { { "gsm", "on" } }, leave = { { "gsm", "off" } } } },
  steps = function(sim)
    local app = sim:call_at("1s", "+4930123456", "1000")
    sim:at("2s", "desk", "answer")
    sim:at("3s", "alice", "profile", "Travel")
    local gsm = sim:call_at("4s", "+4930123457", "1000")
    sim:at("5s", "mobile", "answer")
    sim:run()
    expect(app.skipped.mobile, "the app is not registered").is("unregistered")
    expect(gsm.alerted).is({ "desk", "mobile" })
    expect(gsm.answered_by).is("mobile")
    expect(sim:user("alice").gsm).is_true()
  end,
}

scenario "PAS-7: team login, logout, pause and unpause decide who gets team calls" {
  policy = "pascom", covers = { "PAS-7", "CORE-6" },
  users = users, lines = lines, devices = devices, groups = teams,
  profiles = {
    Break = { enter = { { "team_pause", "support" } }, leave = { { "team_unpause", "support" } } },
    ["Off duty"] = { enter = { { "team_logout", "support" } }, leave = { { "team_login", "support" } } },
  },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Break")
    local paused = sim:call_at("2s", "+4930123456", "700")
    sim:at("3s", "agent", "answer")
    sim:at("4s", "alice", "profile", "Off duty")
    sim:at("5s", function() expect(sim:group("support").members[1]).is({ line = "1000", user = "alice",
      logged_in = false, paused = false, pickup = true }) end)
    sim:at("6s", "alice", "profile", "Available")
    local back = sim:call_at("7s", "+4930123457", "700")
    sim:at("8s", "desk", "answer")
    sim:run()
    expect(paused.skipped["1000"], "a team pause stops team calls").is("paused")
    expect(paused.alerted).is({ "agent" })
    expect(back.alerted).is({ "desk", "agent" })
    local direct = sim:trace { kind = "group", subject = "support" }
    expect(#direct, "pause, unpause, logout, login").is(4)
  end,
}

scenario "PAS-7: set and unset workplace: the workplace phone rings for the user only while set" {
  policy = "pascom", covers = { "PAS-7" },
  users = users, lines = lines, devices = devices,
  profiles = { ["Hot desk"] = { enter = { { "set_workplace", "hotdesk" } }, leave = { { "unset_workplace" } } } },
  steps = function(sim)
    local before = sim:call_at("1s", "+4930123456", "1000")
    sim:at("2s", "desk", "answer")
    sim:at("3s", "alice", "profile", "Hot desk")
    local at_desk = sim:call_at("4s", "+4930123457", "1000")
    sim:at("5s", "hotdesk", "answer")
    sim:at("6s", "alice", "profile", "Available")
    local after = sim:call_at("7s", "+4930123458", "1000")
    sim:at("8s", "desk", "answer")
    sim:run()
    expect(before.skipped.hotdesk).is("inactive")
    expect(at_desk.answered_by).is("hotdesk")
    expect(after.skipped.hotdesk).is("inactive")
    expect(sim:device("hotdesk").workplace_of).is_nil()
  end,
}

scenario "PAS-7: set redirect really redirects; unset redirection ends it" {
  policy = "pascom", covers = { "PAS-7" },
  users = users, lines = lines, devices = devices,
  profiles = { Away = { enter = { { "set_redirect", "+4915100000" } }, leave = { { "unset_redirect" } } } },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Away")
    local redirected = sim:call_at("2s", "+4930123456", "1000")
    sim:at("3s", "alice", "profile", "Available")
    local normal = sim:call_at("4s", "+4930123457", "1000")
    sim:at("5s", "desk", "answer")
    sim:run()
    expect(redirected.path).is({ "1000", "+4915100000" })
    expect(redirected.alerted).is_empty()
    expect(normal.alerted).is({ "desk" })
  end,
}

scenario "PAS-8: chains run top to bottom; the old profile's leave chain runs before the new one's enter chain" {
  policy = "pascom", covers = { "PAS-8" },
  users = users, lines = lines, devices = devices, groups = teams,
  profiles = {
    First = { enter = { { "set_redirect", "2000" }, { "team_pause", "support" }, { "set_redirect", "+4915100000" } },
              leave = { { "unset_redirect" }, { "team_unpause", "support" } } },
    Second = { enter = { { "set_redirect", "+4930555" } } },
  },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "First")
    sim:at("2s", function() expect(sim:line("1000").cfa, "the last redirect of the chain").is("external +4915100000") end)
    sim:at("3s", "alice", "profile", "Second")
    local c = sim:call_at("4s", "+4930123456", "1000")
    sim:run()
    local order = {}
    for _, e in ipairs(sim:trace { kind = "action", subject = "alice" }) do order[#order + 1] = e.details:match("^(.-) %(") end
    expect(order).is({
      "enter 'Available' 1/1: followme all",
      "enter 'First' 1/3: set_redirect 2000", "enter 'First' 2/3: team_pause support",
      "enter 'First' 3/3: set_redirect +4915100000",
      "leave 'First' 1/2: unset_redirect", "leave 'First' 2/2: team_unpause support",
      "enter 'Second' 1/1: set_redirect +4930555",
    })
    expect(c.path, "leave before enter: Second's redirect stands").is({ "1000", "+4930555" })
    expect(sim:group("support").available).is({ "1000", "2000" })
  end,
}

scenario "PAS-9: a server-side profile saved by the admin is usable at once" {
  policy = "pascom", covers = { "PAS-9" },
  users = users, lines = lines, devices = devices,
  steps = function(sim)
    sim:at("10s", "admin", "profile-add", "Focus", { color = "blue", enter = { { "followme", "desk" } } })
    sim:at("10s", "alice", "profile", "Focus")
    local c = sim:call_at("11s", "+4930123456", "1000")
    sim:at("12s", "desk", "answer")
    sim:run()
    expect(sim:profile("alice", "Focus").origin).is("shared")
    expect(sim:user("alice").profile).is("Focus")
    expect(c.alerted).is({ "desk" })
  end,
}

scenario "PAS-9: an admin profile can be deleted, even while selected; a system profile cannot" {
  policy = "pascom", covers = { "PAS-9" },
  users = users, lines = lines, devices = devices,
  profiles = { Focus = { enter = { { "followme", "desk" } } } },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Focus")
    sim:at("2s", "admin", "profile-delete", "Focus")
    sim:at("3s", "admin", "profile-delete", "Available")
    local c = sim:call_at("4s", "+4930123456", "1000")
    sim:at("5s", "desk", "answer")
    sim:run()
    expect(sim:user("alice").profiles).is({ "Available", "DND" })
    expect(sim:user("alice").profile, "back on Available").is("Available")
    expect(c.alerted, "every endpoint again").is({ "desk" })
    expect(c.skipped.mobile).is("unregistered")
    local refused = sim:trace { kind = "profile-refused" }
    expect(#refused).is(1)
    expect(refused[1].details).is("delete 'Available': a system profile cannot be deleted")
  end,
}
