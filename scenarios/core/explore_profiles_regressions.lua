-- Regressions found by `pbxsim explore --features profiles` (issue 20), kept
-- as scenarios under every shipped policy but pascom (whose own scenarios,
-- scenarios/pascom/, cover the same rules):
-- - PAS-6: under base, cisco_cucm, dee_presence and metaswitch a timed trigger
--   moved a user off a sticky profile (only pascom's profile_change held it);
--   base now refuses it, and dee_presence follows base for triggers.
-- - PAS-7: under cisco_cucm a device a profile switched off (FollowMe "none")
--   still rang: its appearance hook did not read `app.active`.

for _, policy in ipairs { "base", "cisco_cucm", "dee_presence", "metaswitch" } do
  scenario("PAS-6: a timed trigger does not move a user off a sticky profile (" .. policy .. ")") {
    policy = policy, covers = { "PAS-6" },
    calendar = "Mon 08:00",
    users = { u1 = { roles = { "profile.personal" } } },
    profiles = {
      Lunch = { triggers = { { at = "08:00:23" } } },
      ["Teams meeting"] = { sticky = true, triggers = { { teams = true } } },
    },
    steps = function(sim)
      sim:at("1s", "u1", "teams", "start")
      sim:run_until("1m")
      expect(sim:user("u1").profile, "the sticky meeting profile holds").is("Teams meeting")
      local lunch = sim:trace { kind = "trigger", reason = "timed ignored" }
      expect(#lunch, "the Lunch trigger, ignored").is(1)
      expect(lunch[1].previous).is("Teams meeting")
    end,
  }

  scenario("PAS-7: a device a profile switched off does not ring (" .. policy .. ")") {
    policy = policy, covers = { "PAS-7" },
    calendar = "Mon 08:00",
    users = { u1 = { roles = { "profile.personal" } } },
    lines = { ["1000"] = {} },
    devices = { d1 = { owner = "u1", lines = { "1000" } } },
    profiles = { Away = { triggers = { { at = "08:00:25" } }, enter = { { "followme", "none" } } } },
    steps = function(sim)
      local c = sim:call_at("38s", "+15550001001", "1000")
      sim:run()
      expect(sim:device("d1").active).is_false()
      expect(c.alerted).is_empty()
      expect(c.skipped).is({ d1 = "inactive" })
    end,
  }
end
