-- PP-7: the profile is applied to the primary extension and to the soft
-- phone Phone Manager is connected to; when Phone Manager shuts down, the
-- profile's changes are removed from the soft phone and stay on the
-- extension ("primary extension 1000, Phone Manager connected to softphone
-- 1001").
-- PP-8: a primary extension that is also a hot-desk device, with "Disable
-- DEE & UCD when Hot Desk user is logged out": logged out, it leaves its UCD
-- groups and is an inactive DEE destination; at login the profile is applied
-- again. Hot desking is extension mobility: the desk phone has "Enable
-- Extension Mobility" and alice logs in with her device profile.
-- PP-9: taking an extension out of a UCD group through a profile also
-- disables its group call pickups.

local lines = { ["1000"] = {}, ["1001"] = {}, ["2000"] = {} }
local pm_devices = {
  desk = { owner = "alice", dee_main = true, lines = { "1000" } },
  soft = { kind = "softphone", owner = "alice", lines = { "1001" } },
}

scenario "PP-7: the soft phone Phone Manager is connected to gets the profile too" {
  expect_findings = { "PBX-UNREACHABLE:2000" },  -- a line of the shared topology this scenario leaves unused
  policy = "dee_presence", covers = { "PP-7" },
  users = { alice = { presence_profiles = true } }, lines = lines, devices = pm_devices,
  steps = function(sim)
    sim:at("1s", "alice", "phone-manager", "soft")
    sim:at("2s", "alice", "profile", "In a meeting")
    local to_soft = sim:call_at("3s", "+4930123456", "1001")
    sim:run()
    expect(sim:user("alice").phone_manager).is("soft")
    expect(sim:device("desk").dnd).is("reject")
    expect(sim:device("soft").dnd).is("reject")
    expect(to_soft.skipped.soft).is("dnd-reject")
  end,
}

scenario "PP-7: when Phone Manager shuts down, the profile is removed from 1001 and stays on 1000" {
  expect_findings = { "PBX-UNREACHABLE:2000" },  -- a line of the shared topology this scenario leaves unused
  policy = "dee_presence", covers = { "PP-7" },
  users = { alice = { presence_profiles = true } }, lines = lines, devices = pm_devices,
  steps = function(sim)
    sim:at("1s", "alice", "phone-manager", "soft")
    sim:at("2s", "alice", "profile", "Working from home", { forward = "+4930999000" })
    sim:at("3s", function()
      expect(sim:line("1000").cfa).is("external +4930999000")
      expect(sim:line("1001").cfa, "the soft phone's line is forwarded too").is("external +4930999000")
    end)
    sim:at("10s", "alice", "phone-manager", "off")
    local to_desk = sim:call_at("11s", "+4930123456", "1000")
    local to_soft = sim:call_at("11s", "+4930123457", "1001")
    sim:at("12s", "soft", "answer")
    sim:run()
    expect(sim:line("1001").cfa).is("none")
    expect(sim:line("1000").cfa).is("external +4930999000")
    expect(to_desk.path).is({ "1000", "+4930999000" })
    expect(to_soft.answered_by).is("soft")
    expect(sim:user("alice").phone_manager).is_nil()
    local cti = sim:trace { kind = "cti", subject = "alice" }
    expect(cti[2].details).is("Phone Manager shut down: profile removed from soft")
  end,
}

scenario "PP-7: without Phone Manager the soft phone is not touched by the profile" {
  expect_findings = { "PBX-UNREACHABLE:2000" },  -- a line of the shared topology this scenario leaves unused
  policy = "dee_presence", covers = { "PP-7" },
  users = { alice = { presence_profiles = true } }, lines = lines, devices = pm_devices,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "On holiday")
    sim:run_until("2s")
    expect(sim:device("desk").dnd).is("reject")
    expect(sim:device("soft").dnd).is("off")
  end,
}

-- alice's DEE main extension 1000 is the hot-desk phone "desk". Its own
-- (logged-out) lines keep 1000, so logged out it is still one of 1000's DEE
-- destinations (the case the rule is about); her device profile presents
-- 1000 on it while she is logged in. Nobody is logged in at the start: each
-- scenario logs alice in at 1s.
local desk_devices = {
  desk = { owner = "alice", dee_main = true, extension_mobility = true, lines = { "1000" } },
  mobile = { kind = "mobile", owner = "alice", lines = { "1000" } },
  agent = { lines = { "2000" } },
}
local desk_profiles = { ["alice-desk"] = { user = "alice", lines = { "1000" } } }
local ucd = { ucd = { number = "600", strategy = "ring-all", members = { "1000", "2000" } } }

scenario "PP-8: logged out, the hot-desk extension leaves its UCD groups and is no DEE destination" {
  expect_findings = { "PBX-UNREACHABLE:1001" },  -- a line of the shared topology this scenario leaves unused
  policy = "dee_presence", covers = { "PP-8" },
  users = { alice = { presence_profiles = true, disable_dee_ucd_when_logged_out = true } },
  lines = lines, devices = desk_devices, device_profiles = desk_profiles, groups = ucd,
  steps = function(sim)
    sim:at("1s", "desk", "login", "alice")
    sim:at("5s", "desk", "logout")
    local group_call = sim:call_at("6s", "+4930123456", "600")
    sim:at("7s", "agent", "answer")
    local direct = sim:call_at("8s", "+4930123457", "1000")
    sim:at("9s", "mobile", "answer")
    sim:at("20s", "desk", "login", "alice")
    local later = sim:call_at("21s", "+4930123458", "600")
    sim:at("22s", "desk", "answer")
    sim:run()
    expect(group_call.alerted, "out of the UCD group").is({ "agent" })
    expect(direct.skipped.desk, "an inactive DEE device").is("inactive")
    expect(direct.answered_by, "the other DEE destinations still ring").is("mobile")
    -- (A login moves the profile's appearance onto the desk: on 1000 it now comes after the mobile's.)
    expect(later.alerted, "the profile re-enables UCD and DEE at login").is({ "mobile", "desk", "agent" })
    expect(sim:device("desk").active).is_true()
    expect(sim:device("desk").user).is("alice")
  end,
}

scenario "PP-8: at login the current profile decides: In a meeting keeps the desk out of UCD" {
  expect_findings = { "PBX-UNREACHABLE:1001" },  -- a line of the shared topology this scenario leaves unused
  policy = "dee_presence", covers = { "PP-8" },
  users = { alice = { presence_profiles = true, disable_dee_ucd_when_logged_out = true } },
  lines = lines, devices = desk_devices, device_profiles = desk_profiles, groups = ucd,
  steps = function(sim)
    sim:at("1s", "desk", "login", "alice")
    sim:at("5s", "desk", "logout")
    sim:at("6s", "alice", "profile", "In a meeting")      -- applied while logged out
    sim:at("6s", function() expect(sim:device("desk").user).is_nil() end)
    sim:at("20s", "desk", "login", "alice")
    sim:run_until("21s")
    expect(sim:device("desk").active, "In a meeting has only voicemail").is_false()
    expect(sim:group("ucd").available).is({ "2000" })
    expect(sim:device("desk").dnd).is("reject")
  end,
}

scenario "PP-8: before anyone has logged in, the hot-desk extension is already out of UCD and DEE" {
  expect_findings = { "PBX-UNREACHABLE:1001" },  -- a line of the shared topology this scenario leaves unused
  policy = "dee_presence", covers = { "PP-8" },
  users = { alice = { presence_profiles = true, disable_dee_ucd_when_logged_out = true } },
  lines = lines, devices = desk_devices, device_profiles = desk_profiles, groups = ucd,
  steps = function(sim)
    local group_call = sim:call_at("1s", "+4930123456", "600")
    sim:at("2s", "agent", "answer")
    sim:run()
    expect(sim:device("desk").user).is_nil()
    expect(sim:device("desk").active).is_false()
    expect(group_call.alerted, "a desk nobody is logged in to is out of the UCD group").is({ "agent" })
  end,
}

scenario "PP-8: without the option, logging out leaves DEE and UCD as they are" {
  expect_findings = { "PBX-UNREACHABLE:1001" },  -- a line of the shared topology this scenario leaves unused
  policy = "dee_presence", covers = { "PP-8" },
  users = { alice = { presence_profiles = true } }, lines = lines, devices = desk_devices,
  device_profiles = desk_profiles, groups = ucd,
  steps = function(sim)
    sim:at("1s", "desk", "login", "alice")
    sim:at("5s", "desk", "logout")
    local c = sim:call_at("6s", "+4930123456", "600")
    sim:at("7s", "desk", "answer")
    sim:run()
    -- (The logout gave the desk its own appearance of 1000 back, after the mobile's.)
    expect(c.alerted, "the member line rings on all its DEE destinations").is({ "mobile", "desk", "agent" })
    expect(sim:device("desk").active).is_true()
  end,
}

local pickup_devices = {
  desk = { owner = "alice", dee_main = true, lines = { "1000" } },
  agent = { lines = { "2000" } },
}
local hunt = { ucd = { number = "600", strategy = "hunt", members = { "2000", "1000" } } }

scenario "PP-9: in the UCD group, the extension may pick up the group's calls" {
  expect_findings = { "PBX-UNREACHABLE:1001" },  -- a line of the shared topology this scenario leaves unused
  policy = "dee_presence", covers = { "PP-9", "CORE-6" },
  users = { alice = { presence_profiles = true } }, lines = lines, devices = pickup_devices, groups = hunt,
  steps = function(sim)
    local c = sim:call_at("1s", "+4930123456", "600")
    sim:at("3s", "desk", "pickup")
    sim:run()
    expect(c.alerted).is({ "agent" })
    expect(c.answered_by).is("desk")
  end,
}

scenario "PP-9: a profile that takes the extension out of UCD also disables its group call pickup" {
  expect_findings = { "PBX-UNREACHABLE:1001" },  -- a line of the shared topology this scenario leaves unused
  policy = "dee_presence", covers = { "PP-9" },
  users = { alice = { presence_profiles = true } }, lines = lines, devices = pickup_devices, groups = hunt,
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Out of the office")
    local c = sim:call_at("2s", "+4930123456", "600")
    sim:at("3s", "desk", "pickup")
    sim:at("4s", "agent", "answer")
    sim:run()
    local ignored = sim:trace { kind = "ignored", subject = "desk" }
    expect(#ignored).is(1)
    expect(ignored[1].details).is("pickup: group call pickup is off for 1000 in ucd")
    expect(c.answered_by).is("agent")
    expect(sim:group("ucd").members[2].pickup).is_false()
  end,
}
