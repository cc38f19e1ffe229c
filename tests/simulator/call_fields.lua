-- Three calls at the end of the run: one answered and released, one still
-- ringing (undecided), one not yet offered. The scenario prints each call's
-- fields as Lua reads them; tests/simulator/call_fields_agree_test.cpp
-- compares that with run --json and the results database.
scenario "call fields: answered and released, still ringing, not yet offered" {
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    other = { kind = "deskphone", lines = { "2000" } },
  },
  steps = function(sim)
    local calls = {
      sim:call_at("1s", { from = "+14085550100", to = "1000" }),
      sim:call_at("2s", { from = "+14085550101", to = "2000" }),
      sim:call_at("1m", { from = "+14085550102", to = "1000" }),
    }
    sim:at("3s", "desk", "answer")
    sim:at("5s", "desk", "hangup")
    sim:run_until("10s")
    for _, c in ipairs(calls) do
      print(table.concat({ "call", tostring(c.id), tostring(c.state), tostring(c.outcome), tostring(c.answered_by),
                           tostring(c.offered_at), tostring(c.answered_at), tostring(c.ended_at),
                           tostring(c.released_at) }, " "))
    end
    expect(calls[2].outcome).is(nil)
  end,
}
