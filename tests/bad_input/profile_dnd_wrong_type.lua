-- expect-error: profile_dnd_wrong_type.lua:7: users.alice.profiles.Quiet.dnd: expected true or false, got string
-- also-from-check
scenario "a profile setting of the wrong type" {
  policy = "dee_presence",
  users = { alice = {
    presence_profiles = true,
    profiles = { Quiet = { dnd = "yes" } } } },
  steps = function(sim) expect(1).is(1) end,
}
