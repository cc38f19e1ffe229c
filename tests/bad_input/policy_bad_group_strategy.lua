-- expect-error: policies/bad_group_strategy.lua:4: policy.groups.strategy: unknown strategy 'random' (ring-all or hunt)
-- also-from-check
scenario "a policy with a group strategy pbxsim does not know" {
  policy = "policies/bad_group_strategy.lua",
  lines = { ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
