-- expect-fail
-- args: check {file} --json
scenario "M\xfcller" {
  lines = { ["1000"] = { cfa = "2000" }, ["2000"] = { cfa = "1000" } },
  devices = { ["M\xfcller"] = { lines = { "1000" } } },
  steps = function(sim) expect(1).is(1) end,
}
