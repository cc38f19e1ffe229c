-- CUC-19: the maximum contact list size is a number from 0 to 200 and is
-- enforced. (Outside 0..200, or a user's list already longer than the
-- maximum, is a configuration error: tests/bad_input/cuc19_*.lua.)

local function first(list) return list[1] or {} end

local function office(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-19" }
  def.users = { alice = { contacts = def.contacts or {} } }
  def.contacts = nil
  def.directory = {
    max_contacts = def.max_contacts,
    entries = { { uid = "a" }, { uid = "b" }, { uid = "c" } },
  }
  def.max_contacts = nil
  return def
end

scenario "a list at its maximum refuses one more contact" (office {
  max_contacts = 2,
  contacts = { "a" },
  steps = function(sim)
    sim:at("1s", "alice", "add-contact", "b")
    sim:at("2s", "alice", "add-contact", "c")
    sim:run_until("3s")
    expect(#sim:user("alice").contacts).is(2)
    local refused = sim:trace { kind = "contact", details = "refused" }
    expect(first(refused).details).is("add c refused: the contact list is full (2 of 2)")
    expect(first(refused).time).is(time("2s"))
  end,
})

scenario "removing a contact makes room for another" (office {
  max_contacts = 2,
  contacts = { "a", "b" },
  steps = function(sim)
    sim:at("1s", "alice", "remove-contact", "a")
    sim:at("2s", "alice", "add-contact", "c")
    sim:run_until("3s")
    local ids = {}
    for i, contact in ipairs(sim:user("alice").contacts) do ids[i] = contact.id end
    expect(ids).is({ "b", "c" })
  end,
})

scenario "a maximum of 0 allows no contacts at all" (office {
  max_contacts = 0,
  steps = function(sim)
    sim:at("1s", "alice", "add-contact", "a")
    sim:run_until("2s")
    expect(sim:user("alice").contacts).is_empty()
  end,
})

scenario "the maximum 200 is allowed, and is the default" (office {
  max_contacts = 200,
  steps = function(sim)
    for i = 1, 3 do sim:at(i .. "s", "alice", "add-contact", { name = "Hand-added " .. i }) end
    sim:run_until("5s")
    expect(#sim:user("alice").contacts).is(3)
  end,
})
