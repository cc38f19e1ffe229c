-- expect-pass
-- args: run {file} --json --junit {tmp}/out.xml --db {tmp}/out.db
scenario "x" {
  lines = { ["1000"] = {} },
  steps = function(sim) print("\xff\xfe\0\1") expect(1).is(1) end,
}
