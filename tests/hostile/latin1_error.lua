-- expect-error: latin1_error.lua:4: 
-- args: run {file} --json --junit {tmp}/out.xml --db {tmp}/out.db
scenario "x" { lines = { ["1000"] = {} },
  steps = function(sim) error("\xff\xfe broken") end,
}
