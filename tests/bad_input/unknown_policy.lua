-- expect-error: unknown_policy.lua:3: unknown policy 'no_such_vendor' (standard policies: base, cisco_cucm
scenario "a policy that does not exist" {
  policy = "no_such_vendor",
  lines = { ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
