-- Runs for days of wall-clock time (with the instruction budget the test
-- gives it): simulated time advances one second at a time for 31 688
-- simulated years, the desk phone refreshing its registration every hour.
-- Memory stays small: a trace event an hour, no event queue backlog.
scenario "a phone refreshes its registration every hour for 31 688 years" {
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" }, register = "2h" } },
  steps = function(sim)
    for t = 1, 1000000000000 do
      if t % 3600 == 0 then sim:at(t .. "s", "desk", "register", "2h") end
      sim:run_until(t .. "s")
    end
    expect(sim:device("desk").registered).is_true()
  end,
}
