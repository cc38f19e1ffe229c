-- expect-error: policies/tries_unknown_number.lua:5: call-1 from +14085550100 on line 1000: the policy sent it to '7000', which is no line, group or external number of this topology
scenario "a try to a number that is no line, group or external number names the policy's line and the call" {
  policy = "policies/tries_unknown_number.lua",
  lines = { ["1000"] = { no_answer = "5s" }, ["2000"] = {} },
  devices = { desk = { lines = { "1000" } }, bob = { lines = { "2000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("voicemail")
  end,
}
