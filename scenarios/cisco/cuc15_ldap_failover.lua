-- CUC-15: the client connects to LDAP per search: primary, then backup 1,
-- then backup 2; it periodically returns to the primary; a search in flight
-- when its server fails completes on the next available server; if none
-- answers a failure is reported.
-- Assumed (policy client_timing): a server that does not answer is given up
-- after 5 s, a search takes 500 ms, the primary is tried again 5 min after a
-- failover.

local function details(events)
  local list = {}
  for i, event in ipairs(events) do list[i] = event.details end
  return list
end

local function office(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-15" }
  def.users = { alice = { client = { ldap = { "ldap1", "ldap2", "ldap3" } } } }
  def.servers = def.servers or { ldap1 = "ldap", ldap2 = "ldap", ldap3 = "ldap" }
  def.directory = {
    entries = {
      { uid = "jdoe", givenName = "John", sn = "Doe" },
      { uid = "adoe", givenName = "Anna", sn = "Doe" },
      { uid = "bsmith", givenName = "Bob", sn = "Smith" },
    },
  }
  return def
end

scenario "the primary answers the search" (office {
  steps = function(sim)
    sim:at("10s", "alice", "search", "doe")
    sim:run_until("11s")
    local search = sim:client("alice").searches[1]
    expect(search.state).is("ok")
    expect(search.server).is("ldap1")
    expect(search.results).is({ "jdoe", "adoe" })
    expect(search.finished).is(time("10.5s"))
  end,
})

scenario "the primary is down: backup 1 after the timeout, and the next search starts there" (office {
  servers = { ldap1 = { kind = "ldap", up = false }, ldap2 = "ldap", ldap3 = "ldap" },
  steps = function(sim)
    sim:at("10s", "alice", "search", "doe")
    sim:at("20s", "alice", "search", "smith")
    sim:run_until("30s")
    local searches = sim:client("alice").searches
    expect(searches[1].tried).is({ "ldap1", "ldap2" })
    expect(searches[1].finished).is(time("15.5s"))
    expect(searches[2].tried, "no time lost on the primary").is({ "ldap2" })
    expect(searches[2].results).is({ "bsmith" })
    expect(sim:client("alice").ldap_server).is("ldap2")
  end,
})

scenario "primary and backup 1 down: backup 2" (office {
  servers = { ldap1 = { kind = "ldap", up = false }, ldap2 = { kind = "ldap", up = false }, ldap3 = "ldap" },
  steps = function(sim)
    sim:at("10s", "alice", "search", "doe")
    sim:run_until("30s")
    expect(sim:client("alice").searches[1].tried).is({ "ldap1", "ldap2", "ldap3" })
    expect(sim:client("alice").searches[1].server).is("ldap3")
  end,
})

scenario "the client returns to the primary periodically" (office {
  servers = { ldap1 = { kind = "ldap", up = false }, ldap2 = "ldap", ldap3 = "ldap" },
  steps = function(sim)
    sim:at("10s", "alice", "search", "doe")       -- fails over to ldap2, done at 15.5 s
    sim:at("1m", "ldap1", "up")
    sim:at("5m", "alice", "search", "doe")        -- still on ldap2
    sim:at("6m", "alice", "search", "doe")        -- back to the primary after 5m15.5s
    sim:run_until("7m")
    local searches = sim:client("alice").searches
    expect(searches[2].server).is("ldap2")
    expect(searches[3].server).is("ldap1")
    local back = sim:trace { kind = "client", details = "primary" }[1]
    expect(back.time).is(time("5m15.5s"))
    expect(back.details).is("ldap: the next search tries the primary ldap1 again")
  end,
})

scenario "a search in flight when its server fails completes on the next one at once" (office {
  steps = function(sim)
    sim:at("10s", "alice", "search", "doe")
    sim:at("10.2s", "ldap1", "down")
    sim:run_until("20s")
    local search = sim:client("alice").searches[1]
    expect(search.state).is("ok")
    expect(search.server).is("ldap2")
    expect(search.finished, "10.2 s + a 500 ms search").is(time("10.7s"))
    expect(details(sim:trace { kind = "attempt", subject = "alice" })).is({
      "ldap ldap1: searching 'doe'",
      "ldap ldap1: went down during the search 'doe'",
      "ldap ldap2: searching 'doe'",
    })
  end,
})

scenario "no LDAP server answers: the search fails and the failure is reported" (office {
  servers = { ldap1 = { kind = "ldap", up = false }, ldap2 = { kind = "ldap", up = false },
              ldap3 = { kind = "ldap", up = false } },
  steps = function(sim)
    sim:at("10s", "alice", "search", "doe")
    sim:run_until("1m")
    local search = sim:client("alice").searches[1]
    expect(search.state).is("failed")
    expect(search.finished).is(time("25s"))
    expect(sim:trace { kind = "client", details = "failed" }[1].details)
      .is("ldap: search 'doe' failed: no LDAP server answered (tried ldap1, ldap2, ldap3)")
  end,
})
