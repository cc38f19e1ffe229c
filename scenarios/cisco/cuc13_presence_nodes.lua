-- CUC-13: presence nodes. If the user's home (primary) node is unreachable the
-- client fails over to the secondary node of the subcluster; logging in to a
-- non-home node gets a redirect to the home node; rehoming a logged-in user
-- re-registers it with a short window of unavailable presence (assumed 5 s,
-- the policy's rehome_unavailable); rehomed while offline, the client uses
-- the new home at its next login. Nobody answering, the client retries from
-- the home node (assumed every 30 s, the policy's presence_retry).

local function details(events)
  local list = {}
  for i, event in ipairs(events) do list[i] = event.details end
  return list
end
local function presence_attempts(sim) return sim:trace { kind = "attempt", subject = "alice", details = "presence " } end

local function cluster(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-13" }
  def.users = { alice = { client = def.client } }
  def.client = nil
  def.servers = def.servers or { cup1 = "presence", cup2 = "presence", cup3 = "presence", cup4 = "presence" }
  return def
end

scenario "the home node answers: online on it" (cluster {
  client = { home = "cup1", secondary = "cup2" },
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:client("alice").presence).is("online")
    expect(sim:client("alice").presence_node).is("cup1")
  end,
})

scenario "the home node is unreachable: failover to the secondary" (cluster {
  client = { home = "cup1", secondary = "cup2" },
  servers = { cup1 = { kind = "presence", up = false }, cup2 = "presence" },
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:client("alice").presence_node).is("cup2")
    expect(details(presence_attempts(sim))).is({ "presence cup1: no answer", "presence cup2: online" })
  end,
})

scenario "logging in to a non-home node: redirected to the home node" (cluster {
  client = { home = "cup1", secondary = "cup2", login = "cup3" },
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:client("alice").presence_node).is("cup1")
    expect(details(presence_attempts(sim))).is({ "presence cup3: redirected to the home node cup1",
                                                 "presence cup1: online" })
  end,
})

scenario "the secondary takes the user only while the home node is down" (cluster {
  client = { home = "cup1", secondary = "cup2", login = "cup2" },
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:client("alice").presence_node).is("cup1")
    expect(presence_attempts(sim)[1].details).is("presence cup2: redirected to the home node cup1")
  end,
})

scenario "the home node fails while the user is online: failover at once" (cluster {
  client = { home = "cup1", secondary = "cup2" },
  steps = function(sim)
    sim:at("60s", "cup1", "down")
    sim:run_until("61s")
    expect(sim:client("alice").presence_node).is("cup2")
    expect(presence_attempts(sim)[#presence_attempts(sim)].time).is(time("60s"))
  end,
})

scenario "both nodes down: disconnected, then online again at the first retry after one returns" (cluster {
  client = { home = "cup1", secondary = "cup2" },
  steps = function(sim)
    sim:at("60s", "cup2", "down"); sim:at("60s", "cup1", "down")
    sim:at("100s", "cup2", "up")
    sim:run_until("80s")
    expect(sim:client("alice").presence).is("disconnected")
    sim:run_until("3m")
    expect(sim:client("alice").presence).is("online")
    expect(sim:client("alice").presence_node).is("cup2")
    local last = presence_attempts(sim)[#presence_attempts(sim)]
    expect(last.time, "retries at 90 s, then 120 s").is(time("120s"))
  end,
})

scenario "rehoming a logged-in user: presence unavailable for a short window, then the new home" (cluster {
  client = { home = "cup1", secondary = "cup2" },
  steps = function(sim)
    sim:at("50s", "alice", "rehome", { home = "cup3", secondary = "cup4" })
    sim:at("52s", function()
      expect(sim:client("alice").presence).is("unavailable")
      expect(sim:client("alice").presence_node).is("")
    end)
    sim:run_until("1m")
    expect(sim:client("alice").presence).is("online")
    expect(sim:client("alice").presence_node).is("cup3")
    local last = presence_attempts(sim)[#presence_attempts(sim)]
    expect(last.time).is(time("55s"))
    expect(last.details).is("presence cup3: online")
  end,
})

scenario "rehomed while offline: at the next login the old home redirects to the new one" (cluster {
  client = { home = "cup1", secondary = "cup2", login = "cup1", start = false },
  steps = function(sim)
    sim:at("10s", "alice", "rehome", "cup3")
    sim:at("20s", "alice", "client-start")
    sim:run_until("21s")
    expect(sim:client("alice").presence_node).is("cup3")
    expect(details(presence_attempts(sim))).is({ "presence cup1: redirected to the home node cup3",
                                                 "presence cup3: online" })
    expect(sim:trace { kind = "client", details = "unavailable" }).is_empty()
  end,
})
