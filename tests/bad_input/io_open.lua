-- expect-error: io_open.lua:3: attempt to index a nil value (global 'io')
-- A file read at load time, outside any scenario.
local secrets = io.open("/etc/passwd"):read("a")
scenario "a scenario tries to read a file" {
  lines = { ["1000"] = {} },
  steps = function(sim) expect(secrets).is(nil) end,
}
