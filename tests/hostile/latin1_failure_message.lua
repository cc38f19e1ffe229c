-- expect-fail
-- args: run {file} --json --junit {tmp}/out.xml --db {tmp}/out.db
scenario "x" {
  lines = { ["1000"] = {} },
  steps = function(sim) expect("\xff\xfe").is("\xc3") end,
}
