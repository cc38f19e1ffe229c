-- expect-error: profile_step_unknown_workplace.lua:8: set_workplace desk: 'desk' is not a workplace device
scenario "a profile added by a step names a device that is no workplace" {
  policy = "pascom",
  users = { alice = { roles = { "profile.personal" } } },
  lines = { ["1000"] = {} },
  devices = { desk = { owner = "alice", lines = { "1000" } } },
  steps = function(sim)
    sim:at("1s", "alice", "profile-add", "Hot desk", { enter = { { "set_workplace", "desk" } } })
    expect(1).is(1)
  end,
}
