-- expect-error: profile_unknown_team.lua:8: profiles.Break.enter[1]: unknown team 'suport' (declare it under groups)
-- also-from-check
scenario "a team action names a team that does not exist" {
  policy = "pascom",
  lines = { ["1000"] = {} },
  groups = { support = { number = "700", members = { "1000" } } },
  profiles = {
    Break = { enter = { { "team_pause", "suport" } } },
  },
  steps = function(sim) expect(1).is(1) end,
}
