-- expect-error: profile_unknown_action.lua:7: profiles.Away.enter[1]: unknown action 'set_redirekt'
-- also-from-check
scenario "a misspelt profile action" {
  policy = "pascom",
  lines = { ["1000"] = {} },
  profiles = {
    Away = { enter = { { "set_redirekt", "+4930123" } } },
  },
  steps = function(sim) expect(1).is(1) end,
}
