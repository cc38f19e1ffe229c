-- expect-pass
-- args: run {file} --json --junit {tmp}/out.xml --db {tmp}/out.db
scenario "M\xfcller's desk" {
  lines = { ["1000"] = {} },
  users = { ["m\xfcller"] = { mode = "deskphone" } },
  devices = { ["M\xfcller"] = { lines = { "1000" }, owner = "m\xfcller" } },
  steps = function(sim)
    local c = sim:call_at("1s", "+49\xfc", "1000")
    sim:at("3s", "M\xfcller", "answer")
    sim:run_until("10s")
    expect(c.outcome).is("answered")
  end,
}
