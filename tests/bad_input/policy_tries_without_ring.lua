-- expect-error: policies/tries_without_ring.lua:5: tries: try 1 needs a ring time: { to(...), ring = "10s" } (only the last has none)
scenario "a try before the last without a ring time names the policy's line" {
  policy = "policies/tries_without_ring.lua",
  lines = { ["1000"] = { no_answer = "5s" }, ["2000"] = {} },
  devices = { desk = { lines = { "1000" } }, bob = { lines = { "2000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run_until("1m")
    expect(c.outcome).is("answered")
  end,
}
