-- expect-error: group_unknown_member.lua:6: groups.sales.members[2]: unknown line '2001' (members are DNs under lines)
-- also-from-check
scenario "a group member that is not a line" {
  lines = { ["1000"] = {}, ["2000"] = {} },
  groups = {
    sales = { number = "600", members = { "1000", "2001" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
