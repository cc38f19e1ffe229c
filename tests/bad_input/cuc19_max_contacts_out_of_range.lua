-- expect-error: cuc19_max_contacts_out_of_range.lua:5: directory.max_contacts: the maximum contact list size is a number from 0 to 200, not 201
-- also-from-check
scenario "a maximum contact list size above 200" {
  policy = "cisco_cucm",
  directory = { max_contacts = 201 },
  steps = function(sim) expect(1).is(1) end,
}
