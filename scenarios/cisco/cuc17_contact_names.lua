-- CUC-17: the name a contact is displayed under: the name the user gave it
-- in the client (stored as the Nickname attribute in Unified Presence); else
-- the configured DisplayName; else the configured Nickname with the last
-- name; else first and last name (or whichever exists); else the user ID.
-- A contact added by hand shows its "Display As" name, else first and last.
-- Assumed: a field counts as configured when it is mapped and the entry has
-- a value for it.

local function by_id(contacts)
  local names = {}
  for _, contact in ipairs(contacts) do names[contact.id or contact.name] = contact.name end
  return names
end

local function directory(map)
  return {
    attribute_map = map,
    entries = {
      { uid = "jdoe", givenName = "Jonathan", sn = "Doe", displayName = "Jon Doe (Sales)", nickname = "Jonny" },
      { uid = "first", givenName = "Cher" },
      { uid = "last", sn = "Madonna" },
      { uid = "nobody" },
    },
  }
end

scenario "each rule in turn, with DisplayName and Nickname mapped" {
  policy = "cisco_cucm",
  covers = { "CUC-17" },
  directory = directory { DisplayName = "displayName", Nickname = "nickname" },
  users = { alice = { contacts = {
    { id = "jdoe", name = "JD" },       -- the user's own name for the contact
    "first", "last", "nobody",
    { name = "Plumber", first = "Joe", last = "Bloggs" },   -- added by hand
    { first = "Ann", last = "Other" },
  } } },
  steps = function(sim)
    local names = by_id(sim:user("alice").contacts)
    expect(names.jdoe, "edited name first").is("JD")
    expect(names.first, "only a first name").is("Cher")
    expect(names.last, "only a last name").is("Madonna")
    expect(names.nobody, "no names: the user ID").is("nobody")
    expect(names.Plumber, "Display As").is("Plumber")
    expect(sim:user("alice").contacts[6].name, "hand-added without Display As").is("Ann Other")
  end,
}

scenario "no edited name: DisplayName wins" {
  policy = "cisco_cucm",
  covers = { "CUC-17" },
  directory = directory { DisplayName = "displayName", Nickname = "nickname" },
  users = { alice = { contacts = { "jdoe" } } },
  steps = function(sim)
    expect(sim:user("alice").contacts[1].name).is("Jon Doe (Sales)")
    sim:at("1s", "alice", "rename-contact", "jdoe", "Boss")
    sim:run_until("2s")
    expect(sim:user("alice").contacts[1].name, "renamed in the client").is("Boss")
  end,
}

scenario "no DisplayName mapped: the Nickname with the last name" {
  policy = "cisco_cucm",
  covers = { "CUC-17" },
  directory = directory { Nickname = "nickname" },
  users = { alice = { contacts = { "jdoe" } } },
  steps = function(sim)
    expect(sim:user("alice").contacts[1].name).is("Jonny Doe")
  end,
}

scenario "neither mapped: first and last name" {
  policy = "cisco_cucm",
  covers = { "CUC-17" },
  directory = directory {},
  users = { alice = { contacts = { "jdoe" } } },
  steps = function(sim)
    expect(sim:user("alice").contacts[1].name).is("Jonathan Doe")
  end,
}

scenario "FirstName and LastName not mapped either: the user ID" {
  policy = "cisco_cucm",
  covers = { "CUC-17" },
  directory = directory { FirstName = false, LastName = false },
  users = { alice = { contacts = { "jdoe" } } },
  steps = function(sim)
    expect(sim:user("alice").contacts[1].name).is("jdoe")
  end,
}
