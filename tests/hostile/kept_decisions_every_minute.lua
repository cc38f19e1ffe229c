-- expect-error: kept_decisions_every_minute.lua:18: the run keeps more than 128 MiB for its results
-- args: run {file} --decisions --db {tmp}/results.db --trace
-- Profile triggers at every minute of every day (enter, leave, enter, ...), run for 26 million days
-- with the decision record on: each trigger asks the policy, and each answer
-- is a decision record with the facts the hook read. The engine's kept-memory
-- limit stops the run between two events, and what it kept is stored whole
-- (--db --trace) within the same 1 GiB.
local triggers = {}
for minute = 0, 1439 do triggers[#triggers + 1] = { at = string.format("%02d:%02d", minute // 60, minute % 60), days = "daily", leave = minute % 2 == 1 } end
scenario "a decision every simulated minute, forever" {
  policy = "pascom",
  calendar = { start = "Fri 2024-05-03 08:00" },
  users = { alice = { roles = { "profile.personal" } } },
  lines = { ["1000"] = {} },
  devices = { desk = { owner = "alice", lines = { "1000" } } },
  profiles = { Lunch = { triggers = triggers, enter = { { "set_redirect", "voicemail" } } } },
  steps = function(sim)
    sim:run_until("26000000d")
    expect(1).is(1)
  end,
}
