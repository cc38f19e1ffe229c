-- expect-error: policies/destination_meta_raises.lua:4: policy hook none_alerted returned
scenario "x" { policy = "policies/destination_meta_raises.lua",
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    sim:call_at("2s", "+15550100", "1000")
    expect(sim:run()).is_true()
  end,
}
