-- A planted forwarding loop for `pbxsim check`: A -> B -> C -> A on no answer.
-- Each line rings its own phone, so the loop only shows when nobody answers:
-- the run passes (forward-limit is what the engine does with a loop), and the
-- static check reports PBX-LOOP with the cycle spelled out.
scenario "planted CFNA loop A -> B -> C -> A" {
  lines = {
    ["1000"] = { cfna = "2000", no_answer = "5s" },
    ["2000"] = { cfna = "3000", no_answer = "5s" },
    ["3000"] = { cfna = "1000", no_answer = "5s" },
  },
  devices = {
    a = { kind = "deskphone", lines = { "1000" } },
    b = { kind = "deskphone", lines = { "2000" } },
    c = { kind = "deskphone", lines = { "3000" } },
  },
  steps = function(sim)
    local call = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(call.outcome).is("forward-limit")
    expect(call.alerted).is({ "a", "b", "c" })
  end,
}
