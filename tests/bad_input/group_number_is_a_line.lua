-- expect-error: group_number_is_a_line.lua:6: groups.sales.number: group number 1000 is also a line
-- also-from-check
scenario "a group number that is also a line" {
  lines = { ["1000"] = {} },
  groups = {
    sales = { number = "1000", members = { "1000" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
