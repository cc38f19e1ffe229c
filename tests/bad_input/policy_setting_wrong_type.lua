-- expect-error: policies/setting_wrong_type.lua:4: policy.hop_limit: must be a whole number, got string
-- also-from-check
scenario "a policy setting of the wrong type is refused" {
  policy = "policies/setting_wrong_type.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
  end,
}
