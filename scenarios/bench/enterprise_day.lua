-- The "enterprise day": a large PBX's working day, the default workload of
-- `pbxsim bench`. Every user has a desk phone and a soft phone sharing one
-- line; some start in DND and press the DND key during the day, some lines
-- forward on busy; a fifth of the users answer hunt groups of ten; everyone
-- switches between the profiles "office", "meeting" (DND) and "away"
-- (forward to voicemail) twice a day. Calls arrive at random over eight
-- simulated hours, are answered after a random delay and held for a random
-- time, all drawn from the run's seed. `--users` and `--calls` on the
-- command line override the sizes. Fields: docs/scenarios.md.
workload "enterprise day" {
  policy = "cisco_cucm",
  users = 100000,
  calls = 1000000,
  duration = "8h",
  dnd_reject_percent = 5,
  dnd_ringer_off_percent = 5,
  dnd_toggles_per_user = 2,
  forward_busy_percent = 50,
  forward_no_answer = "voicemail",
  no_answer = "12s",
  answer_percent = 70,
  answer_after = { "2s", "20s" },
  holding = { "30s", "5m" },
  external_caller_percent = 50,
  group_member_percent = 20,
  group_size = 10,
  group_strategy = "hunt",
  group_call_percent = 10,
  profile_switches_per_user = 2,
}
