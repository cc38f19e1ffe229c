-- expect-error: cuc19_contact_list_too_long.lua:6: users.alice.contacts: 3 contacts, but the maximum contact list size is 2
-- also-from-check
scenario "a contact list longer than the maximum" {
  policy = "cisco_cucm",
  directory = { max_contacts = 2, entries = { { uid = "a" }, { uid = "b" }, { uid = "c" } } },
  users = { alice = { contacts = { "a", "b", "c" } } },
  steps = function(sim) expect(1).is(1) end,
}
