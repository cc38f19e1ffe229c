-- expect-error: os_execute.lua:5: attempt to index a nil value (global 'os')
scenario "a scenario tries to run a shell command" {
  lines = { ["1000"] = {} },
  steps = function(sim)
    os.execute("touch /tmp/pbxsim-was-here")
    expect(1).is(1)
  end,
}
