-- The "toy day", a classic call-centre model, as a pbxsim workload; the
-- same day is modelled in SimPy (toy_day_simpy.py) and as a bare C++ event
-- loop (toy_day_loop.cpp), and compare.py runs the three side by side.
-- 100 000 users with one phone each; 1 000 000 calls from outside, Poisson
-- arrivals over 8 hours; 10 % of the users in DND (call-reject on every
-- phone, so the call goes to voicemail); a user takes at most 2 calls (a
-- third is busy and goes to voicemail); ringing is answered after an
-- exponential delay of mean 8 s unless the 12 s no-answer timer fires first
-- (voicemail); talk time exponential with mean 180 s. Fields: docs/scenarios.md.
workload "toy day" {
  policy = "base",
  users = 100000,
  phones_per_user = 1,
  calls = 1000000,
  duration = "8h",
  arrivals = "poisson",
  dnd_all_phones_percent = 10,
  busy_limit_per_user = 2,
  forward_busy_percent = 100,
  forward_no_answer = "voicemail",
  no_answer = "12s",
  answer_percent = 100,
  answer_after = { exponential = "8s" },
  holding = { exponential = "180s" },
  external_caller_percent = 100,
}
