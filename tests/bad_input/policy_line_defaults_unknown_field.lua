-- expect-error: policies/line_defaults_unknown_field.lua:4: policy.line_defaults.cfnb: unknown field 'cfnb' (did you mean 'cfna'?
-- also-from-check
scenario "a policy's line defaults with an unknown field are refused" {
  policy = "policies/line_defaults_unknown_field.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
  end,
}
