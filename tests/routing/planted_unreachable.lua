-- A planted unreachable DN for `pbxsim check`: line 2000 appears on no device
-- and forwards nowhere, so a call to it rings no one.
scenario "planted unreachable DN 2000" {
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" } } },
  steps = function(sim)
    local call = sim:call_at("1s", { from = "+14085550100", to = "2000" })
    sim:run()
    expect(call.alerted).is_empty()
    expect(call.outcome).is("unreachable")
  end,
}
