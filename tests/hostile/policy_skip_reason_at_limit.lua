-- expect-pass
-- A skip reason of exactly 4096 bytes, the limit for a string of a hook's
-- answer, on 200 appearances: accepted.
local devices = {}
for i = 1, 200 do devices["desk" .. i] = { lines = { "1000" } } end
scenario "a skip reason at the limit on 200 appearances" { policy = "policies/skip_reason_at_limit.lua",
  lines = { ["1000"] = {} }, devices = devices,
  steps = function(sim)
    sim:call_at("1s", "+1555", "1000")
    sim:run_until("1m")
    expect(1).is(1)
  end,
}
