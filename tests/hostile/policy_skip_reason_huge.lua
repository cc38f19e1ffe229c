-- expect-error: policies/skip_reason_huge.lua:3: policy hook appearance returned a string of 8388608 bytes (limit 4096 bytes
-- An 8 MB skip reason on a line with 200 appearances: C++ would copy it into
-- each appearance's decision and trace record (1.6 GB) before the engine's
-- kept-memory limit is checked between events. Every string of a hook's
-- answer is refused past 4096 bytes, at the hook's line.
local devices = {}
for i = 1, 200 do devices["desk" .. i] = { lines = { "1000" } } end
scenario "a huge skip reason on 200 appearances" { policy = "policies/skip_reason_huge.lua",
  lines = { ["1000"] = {} }, devices = devices,
  steps = function(sim)
    sim:call_at("1s", "+1555", "1000")
    sim:run_until("1m")
    expect(1).is(1)
  end,
}
