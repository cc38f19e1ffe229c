-- expect-error: policies/misspelt_hook.lua:4: policy.none_alerterd: unknown hook or setting (did you mean 'none_alerted'?
-- also-from-check
scenario "a policy with a misspelt hook is refused, not ignored" {
  policy = "policies/misspelt_hook.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
  end,
}
