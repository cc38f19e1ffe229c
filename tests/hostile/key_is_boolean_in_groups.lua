-- expect-error: key_is_boolean_in_groups.lua:3: 
scenario "x" { lines = { ["1000"] = {} },
  groups = { [true] = { number = "600", members = { "1000" } } },
  steps = function(sim) expect(1).is(1) end,
}
