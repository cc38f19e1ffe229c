-- expect-error: policies/wrong_return_type.lua:4: policy hook none_alerted returned a boolean: expected
scenario "a policy hook answering a boolean where a divert is expected stops the scenario" {
  policy = "policies/wrong_return_type.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
  end,
}
