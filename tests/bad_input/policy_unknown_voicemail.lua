-- expect-error: policies/unknown_voicemail.lua:5: call-1 from +14085550100 on line 1000: the policy sent it to the voicemail of '9999', which is not a line of this topology
scenario "a policy sending a call to the voicemail of an unknown line names the policy's line and the call" {
  policy = "policies/unknown_voicemail.lua",
  lines = { ["1000"] = { no_answer = "5s" } },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
  end,
}
