-- expect-error: policies/ring_only_unknown_device.lua:5: call-1 from +14085550100 on line 1000: the policy sent it to line 2000 ringing only 'desk', which has no appearance of 2000
scenario "a ring-only destination naming a device without an appearance of the line names the policy's line and the call" {
  policy = "policies/ring_only_unknown_device.lua",
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = { desk = { lines = { "1000" } }, bob = { lines = { "2000" } } },
  steps = function(sim)
    sim:at("0s", "desk", "dnd", "reject")
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("answered")
  end,
}
