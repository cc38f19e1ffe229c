-- expect-error: policies/misspelt_setting.lua:3: policy.line_default: unknown hook or setting (did you mean 'line_defaults'?
-- also-from-check
scenario "a policy with a misspelt setting is refused, not ignored" {
  policy = "policies/misspelt_setting.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
  end,
}
