-- expect-error: policies/destination_huge.lua:4: bad argument #1 to 'to' (to(number): the number is 8388608 bytes (limit 4096 bytes
-- An 8 MB number given to to(): refused where to() is called.
scenario "a huge destination number" { policy = "policies/destination_huge.lua",
  lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    sim:at("0s", "desk", "dnd", "reject")
    sim:call_at("1s", "+1555", "1000")
    sim:run_until("1m")
    expect(1).is(1)
  end,
}
