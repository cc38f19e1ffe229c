-- expect-error: policies/unknown_destination.lua:5: call-1 from +14085550100 on line 1000: the policy sent it to '7000', which is no line, group or external number of this topology
scenario "a policy destination that is no line, group or external number names the policy's line and the call" {
  policy = "policies/unknown_destination.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
  end,
}
