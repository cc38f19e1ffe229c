-- expect-error: sim_unknown_method.lua:6: sim has no method or field 'callat' (methods: at, calendar, call_at,
scenario "a method name without its underscore" {
  lines = { ["1000"] = {} },
  devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local c = sim:callat("1s", "+1555", "1000")
    expect(c.outcome).is(nil)
  end,
}
