-- expect-deterministic
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local v = tostring(setmetatable({}, { __name = "x" }))
    local c = sim:call_at("1s", v, "1000")
    sim:run_until("10s")
    print(v)
    expect(c.outcome).is("answered")
  end,
}
