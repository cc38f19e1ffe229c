scenario "a plain call is answered" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000")
    sim:at("3s", "desk", "answer")
    sim:run_until("10s")
    expect(c.outcome).is("answered")
  end,
}
