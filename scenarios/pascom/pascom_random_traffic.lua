-- CORE-7 with profiles: random switches, Teams meetings (their delays drawn
-- from the seed), timed triggers and calls give the same trace on every run,
-- and every call still ends exactly once (CORE-5).

scenario "random profile switches, meetings and calls are reproducible" {
  policy = "pascom", covers = { "CORE-7", "CORE-5" },
  calendar = "Mon 2024-05-06 08:00",
  users = { alice = { roles = { "profile.personal" } }, bob = { roles = { "profile.personal" } } },
  lines = { ["1000"] = { cfna = "voicemail" }, ["2000"] = { cfna = "voicemail" } },
  devices = {
    desk = { owner = "alice", lines = { "1000" } },
    mobile = { kind = "mobile", owner = "alice", lines = { "1000" }, register = false },
    phone = { owner = "bob", lines = { "2000" } },
    hotdesk = { workplace = true, lines = { "1000", "2000" } },
  },
  groups = { support = { number = "700", members = { "1000", "2000" } } },
  profiles = {
    ["Teams meeting"] = { sticky = true, triggers = { { teams = true } }, enter = { { "team_pause", "support" } },
                          leave = { { "team_unpause", "support" } } },
    Lunch = { triggers = { { at = "08:10", days = "weekdays" }, { at = "08:20", days = "weekdays", leave = true } },
              enter = { { "set_redirect", "voicemail" }, { "gsm", "on" } }, leave = { { "unset_redirect" }, { "gsm", "off" } } },
    Desk = { enter = { { "set_workplace", "hotdesk" }, { "followme", "desk" } }, leave = { { "unset_workplace" } } },
  },
  steps = function(sim)
    local users, profiles = { "alice", "bob" }, { "Available", "DND", "Desk", "Lunch", "Teams meeting" }
    local calls = {}
    for i = 1, 30 do
      local at = math.random(1, 1800)
      local user = users[math.random(2)]
      local roll = math.random(3)
      if roll == 1 then sim:at(at .. "s", user, "profile", profiles[math.random(#profiles)])
      elseif roll == 2 then sim:at(at .. "s", user, "teams", math.random() < 0.5 and "start" or "end")
      else calls[#calls + 1] = sim:call_at(at .. "s", "+4930" .. i, ({ "1000", "2000", "700" })[math.random(3)]) end
      sim:at((at + math.random(1, 10)) .. "s", ({ "desk", "phone", "hotdesk", "mobile" })[math.random(4)], "answer")
    end
    sim:run()
    for i, c in ipairs(calls) do
      expect(#sim:trace { kind = "outcome", subject = "call-" .. c.id }, "call " .. i).is(1)
    end
  end,
}
