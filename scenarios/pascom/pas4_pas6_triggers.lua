-- PAS-4: a timed trigger activates its profile at a time of day, once or
-- repeating on chosen weekdays (times run on the simulated calendar).
-- PAS-5: a Teams meeting activates its profile after a synchronisation delay
-- of 5 to 10 s (drawn from the run's seed); when it ends, the user returns
-- to the profile active before.
-- PAS-6: a sticky profile is not overridden by triggers.

local users = { alice = { roles = { "profile.personal" } } }
local lines = { ["1000"] = { cfna = "voicemail" } }
local devices = {
  desk = { owner = "alice", lines = { "1000" } },
  mobile = { kind = "mobile", owner = "alice", lines = { "1000" } },
}

-- Every switch after the start, as "<whole seconds>s <profile>".
local function switches(sim)
  local seen = {}
  for _, e in ipairs(sim:trace { kind = "profile", subject = "alice" }) do
    local name = e.details:match("^'(.-)' selected %((%a+)%)")
    if name and not e.details:find("(start)", 1, true) then seen[#seen + 1] = e.time // 1000000 .. "s " .. name end
  end
  return seen
end

scenario "PAS-4: a weekday trigger fires every working day and skips the weekend" {
  policy = "pascom", covers = { "PAS-4" },
  calendar = { start = "Fri 2024-05-03 08:00" },
  users = users, lines = lines, devices = devices,
  profiles = {
    Lunch = { triggers = { { at = "12:00", days = "weekdays" }, { at = "13:00", days = "weekdays", leave = true } },
              enter = { { "followme", "mobile" } } },
  },
  steps = function(sim)
    sim:run_until("4d")                                     -- Friday 08:00 to Tuesday 08:00
    -- Friday 12:00 and 13:00 (4 h, 5 h in), then Monday 12:00 and 13:00 (76 h, 77 h in).
    expect(switches(sim)).is({ "14400s Lunch", "18000s Available", "273600s Lunch", "277200s Available" })
    expect(sim:calendar().now).is("Tue 2024-05-07 08:00:00")
    local fired = sim:trace { kind = "trigger" }
    expect(fired[1].details).is("'Lunch' at 12:00 on Mon-Fri (Fri 2024-05-03 12:00:00): fired")
  end,
}

scenario "PAS-4: while a timed profile is active, calls follow it" {
  policy = "pascom", covers = { "PAS-4" },
  calendar = "Mon 11:59",
  users = users, lines = lines, devices = devices,
  profiles = { Lunch = { triggers = { { at = "12:00", days = { "mon", "wed" } } }, enter = { { "followme", "mobile" } } } },
  steps = function(sim)
    local before = sim:call_at("30s", "+4930123456", "1000")
    sim:at("31s", "desk", "answer")
    local during = sim:call_at("2m", "+4930123457", "1000")
    sim:at("2m1s", "mobile", "answer")
    sim:run()
    expect(before.alerted).is({ "desk", "mobile" })
    expect(during.alerted).is({ "mobile" })
    expect(sim:user("alice").profile).is("Lunch")
  end,
}

scenario "PAS-4: a trigger without weekdays fires once, on the next time the clock shows it" {
  policy = "pascom", covers = { "PAS-4" },
  calendar = { start = "Wed 2024-05-08 18:00" },
  users = users, lines = lines, devices = devices,
  profiles = {
    Early = { triggers = { { at = "07:30" } } },                         -- Thursday 07:30, then never
    Holiday = { triggers = { { at = "00:00", date = "2024-05-10" } } },  -- on that date only
  },
  steps = function(sim)
    sim:run_until("3d")
    expect(switches(sim)).is({ "48600s Early", "108000s Holiday" })
    expect(#sim:trace { kind = "trigger" }).is(2)
  end,
}

scenario "PAS-5: a Teams meeting switches after 5-10 s and returns to the profile before" {
  policy = "pascom", covers = { "PAS-5", "CORE-7" },
  users = users, lines = lines, devices = devices,
  profiles = { ["Teams meeting"] = { sticky = true, triggers = { { teams = true } },
                                     enter = { { "set_redirect", "voicemail" } }, leave = { { "unset_redirect" } } } },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "DND")
    sim:at("10s", "alice", "teams", "start")
    sim:at("1m", "alice", "teams", "end")
    local during = sim:call_at("30s", "+4930123456", "1000")
    sim:run_until("2m")
    local s = switches(sim)
    expect(#s).is(3)
    local started = tonumber(s[2]:match("^(%d+)s"))
    local ended = tonumber(s[3]:match("^(%d+)s"))
    expect(started, "meeting profile between 15 s and 20 s").at_least(15)
    expect(started).at_most(20)
    expect(s[2]).matches("Teams meeting$")
    expect(ended, "back between 65 s and 70 s").at_least(65)
    expect(ended).at_most(70)
    expect(s[3]).matches("DND$")
    expect(during.path, "the meeting profile's redirect").is({ "1000", "voicemail" })
    expect(sim:user("alice").profile).is("DND")
    expect(sim:line("1000").cfa, "the leave chain undid it").is("none")
  end,
}

scenario "PAS-5: a meeting that ends within the synchronisation delay changes nothing" {
  policy = "pascom", covers = { "PAS-5" },
  users = users, lines = lines, devices = devices,
  profiles = { ["Teams meeting"] = { triggers = { { teams = true } } } },
  steps = function(sim)
    sim:at("10s", "alice", "teams", "start")
    sim:at("12s", "alice", "teams", "end")
    sim:run_until("1m")
    expect(switches(sim)).is_empty()
    local t = sim:trace { kind = "trigger" }
    expect(t[#t].details).is("Teams meeting ended before the profile switched: nothing to do")
  end,
}

scenario "PAS-6: a sticky profile ignores a timed trigger; the trigger switches a non-sticky one" {
  policy = "pascom", covers = { "PAS-6", "PAS-4" },
  calendar = "Mon 11:00",
  users = users, lines = lines, devices = devices,
  profiles = {
    Focus = { sticky = true, enter = { { "followme", "desk" } } },
    Lunch = { triggers = { { at = "12:00", days = "daily" } }, enter = { { "followme", "mobile" } } },
  },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Focus")
    local c = sim:call_at("1h1m", "+4930123456", "1000")       -- 12:01 on Monday
    sim:at("1h1m1s", "desk", "answer")
    sim:at("2h", "alice", "profile", "DND")                      -- not sticky
    sim:run_until("1d2h")                                        -- Tuesday 13:00
    local t = sim:trace { kind = "trigger" }
    expect(t[1].details).is("'Lunch' at 12:00 on every day (Mon 12:00:00): ignored, " ..
                            "the sticky profile 'Focus' is not overridden by triggers")
    expect(c.alerted, "still Focus at 12:01").is({ "desk" })
    expect(t[2].details).matches("^'Lunch' at 12:00 on every day %(Tue .*%): fired$")
    expect(sim:user("alice").profile).is("Lunch")
  end,
}

scenario "PAS-6: a sticky Teams profile holds through the meeting, then returns" {
  policy = "pascom", covers = { "PAS-6", "PAS-5" },
  calendar = "Mon 11:59",
  users = users, lines = lines, devices = devices,
  profiles = {
    ["Teams meeting"] = { sticky = true, triggers = { { teams = true } }, enter = { { "followme", "none" } } },
    Lunch = { triggers = { { at = "12:00", days = "weekdays" } } },
  },
  steps = function(sim)
    sim:at("10s", "alice", "teams", "start")
    sim:at("5m", "alice", "teams", "end")
    sim:run_until("6m")
    local ignored = sim:trace { kind = "trigger" }
    local lunch
    for _, e in ipairs(ignored) do if e.details:find("^'Lunch'") then lunch = e.details end end
    expect(lunch).matches("ignored, the sticky profile 'Teams meeting' is not overridden by triggers$")
    expect(sim:user("alice").profile, "back to the profile before the meeting").is("Available")
  end,
}
