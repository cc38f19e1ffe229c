-- expect-pass
-- args: run {file}
local lines = {}
for i = 1, 100000 do lines[tostring(100000 + i)] = { cfa = tostring(100000 + i + 1) } end
lines["200001"] = {}
scenario "a forward-all chain through 100 000 lines" {
  lines = lines, hop_limit = 200000,
  devices = { desk = { lines = { "200001" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "100001")
    sim:run_until("10s")
    expect(1).is(1)
  end,
}
