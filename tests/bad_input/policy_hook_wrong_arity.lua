-- expect-error: policies/hook_wrong_arity.lua:4: policy.appearance: the hook takes 2 argument(s), not 1
-- also-from-check
scenario "a policy hook declaring other arguments than the engine passes is refused" {
  policy = "policies/hook_wrong_arity.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
  end,
}
