-- expect-error: registration_facts_meta.lua:7: reg is read-only
scenario "registration facts table with a metatable" { policy = "policies/registration_facts_meta.lua",
  lines = { ["1000"] = { max_registrations = 1 } },
  devices = { a = { lines = { "1000" } }, b = { lines = { "1000" } }, c = { lines = { "1000" } } },
  steps = function(sim)
    expect(sim:run()).is_true()
  end,
}
