-- expect-error: policies/destination_table_huge.lua:3: policy hook none_alerted returned a destination whose number is 8388608 bytes (limit 4096 bytes
-- A destination table written by hand (not by to()) with an 8 MB number:
-- refused where the table answer is read, at the hook's line.
scenario "a huge hand-made destination" { policy = "policies/destination_table_huge.lua",
  lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("0s", "desk", "dnd", "reject")
    sim:call_at("1s", "+1555", "1000")
    sim:run_until("1m")
    expect(1).is(1)
  end,
}
