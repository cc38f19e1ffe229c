-- CUC-16: desk-phone (CTI) failover. When the CTI connection is lost the
-- client tries the primary, then the backup, round-robin, at successive
-- intervals of 4, 8, 16, 32 and then 60 s (the maximum) until it connects.
-- With no calls present no new calls or notifications go through the client
-- meanwhile (the desk phone still works by hand); with calls present they
-- continue unaffected but uncontrolled, and at reconnect a session window
-- reopens for each call with its current state. The client stays on the
-- server it reconnected to until it is restarted or that server fails.

local function times(events)
  local list = {}
  for i, event in ipairs(events) do list[i] = event.time end
  return list
end
local function details(events)
  local list = {}
  for i, event in ipairs(events) do list[i] = event.details end
  return list
end
local function cti_attempts(sim) return sim:trace { kind = "attempt", subject = "alice", details = "cti " } end

local function office(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-16" }
  def.users = { alice = { mode = "deskphone", client = { cti = { "cti1", "cti2" } } } }
  def.lines = { ["1000"] = {}, ["2000"] = {} }
  def.devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    other = { kind = "deskphone", lines = { "2000" } },
  }
  def.servers = { cti1 = "cti", cti2 = "cti" }
  return def
end

scenario "primary and backup down for 100 s: attempts at +4, +8, +16, +32, +60 s, connected at the next one" (office {
  steps = function(sim)
    sim:at("10s", "cti1", "down"); sim:at("10s", "cti2", "down")
    sim:at("110s", "cti1", "up"); sim:at("110s", "cti2", "up")
    sim:run_until("10m")
    expect(times(cti_attempts(sim))).is({ 0, time("14s"), time("22s"), time("38s"), time("70s"), time("130s") })
    expect(details(cti_attempts(sim))).is({
      "cti cti1: connected",
      "cti cti1: failed", "cti cti2: failed", "cti cti1: failed", "cti cti2: failed",
      "cti cti1: connected",
    })
    local client = sim:client("alice")
    expect(client.cti).is("connected")
    expect(client.cti_server).is("cti1")
  end,
})

scenario "down for 10 minutes: the interval stays at the 60 s maximum" (office {
  steps = function(sim)
    sim:at("10s", "cti1", "down"); sim:at("10s", "cti2", "down")
    sim:at("10m15s", "cti1", "up"); sim:at("10m15s", "cti2", "up")
    sim:run_until("20m")
    local got = times(cti_attempts(sim))
    local expected = { 0, time("14s"), time("22s"), time("38s"), time("70s") }
    for t = 130, 670, 60 do expected[#expected + 1] = time(t .. "s") end
    expect(got).is(expected)
    expect(cti_attempts(sim)[#got].details, "at 670 s, after both came back at 615 s").is("cti cti2: connected")
  end,
})

scenario "the backup comes back: the next attempt to it connects and the backoff ends" (office {
  steps = function(sim)
    sim:at("10s", "cti1", "down"); sim:at("10s", "cti2", "down")
    sim:at("50s", "cti2", "up")           -- the primary stays down
    sim:run_until("10m")
    expect(times(cti_attempts(sim))).is({ 0, time("14s"), time("22s"), time("38s"), time("70s") })
    expect(cti_attempts(sim)[5].details).is("cti cti2: connected")
    expect(sim:client("alice").cti_server).is("cti2")
  end,
})

scenario "round-robin: with only the backup back, an attempt at the primary fails first" (office {
  steps = function(sim)
    sim:at("10s", "cti1", "down"); sim:at("10s", "cti2", "down")
    sim:at("110s", "cti2", "up")          -- the attempt at 130 s goes to the primary
    sim:run_until("10m")
    expect(times(cti_attempts(sim))).is({ 0, time("14s"), time("22s"), time("38s"), time("70s"), time("130s"),
                                          time("190s") })
    expect(cti_attempts(sim)[6].details).is("cti cti1: failed")
    expect(cti_attempts(sim)[7].details).is("cti cti2: connected")
  end,
})

scenario "the client stays on the backup after the primary returns, until it is restarted" (office {
  steps = function(sim)
    sim:at("10s", "cti1", "down")
    sim:at("30s", "cti1", "up")
    sim:run_until("5m")
    expect(times(cti_attempts(sim))).is({ 0, time("14s"), time("22s") })
    expect(sim:client("alice").cti_server).is("cti2")
    sim:at("6m", "alice", "client-restart")
    sim:run_until("7m")
    expect(sim:client("alice").cti_server, "a restart starts from the primary").is("cti1")
  end,
})

scenario "no calls present: no notifications or click-to-dial meanwhile; the desk phone still rings" (office {
  steps = function(sim)
    local before = sim:call_at("5s", { from = "+14085550100", to = "1000" })
    sim:at("6s", before, "hangup")
    sim:at("10s", "cti1", "down"); sim:at("10s", "cti2", "down")
    local during = sim:call_at("20s", { from = "+14085550101", to = "1000" })
    local dial_during = sim:call_at("25s", { client = "alice", to = "2000" })
    sim:at("40s", during, "hangup")
    sim:at("60s", "cti2", "up")
    local dial_after = sim:call_at("80s", { client = "alice", to = "2000" })
    sim:run_until("90s")

    expect(during.alerted, "manual control of the desk phone").is({ "desk" })
    local notified = {}
    for i, n in ipairs(sim:client("alice").notifications) do notified[i] = n.call end
    expect(notified, "call 2 rang during the outage: no notification").is({ 1 })
    expect(dial_during.outcome).is("rejected")
    expect(dial_during.detail).is("alice's client has no CTI connection: dial on the desk phone itself")
    expect(dial_after.from_device).is("desk")
    expect(dial_after.alerted).is({ "other" })
    expect(sim:trace { kind = "client", details = "cti: connection to cti1 lost" }[1].details)
      .is("cti: connection to cti1 lost; no calls present: no notifications or calls through the client")
  end,
})

scenario "calls present: they stay up uncontrolled and get a session window again at reconnect" (office {
  steps = function(sim)
    local c = sim:call_at("5s", { from = "+14085550100", to = "1000" })
    sim:at("6s", "desk", "answer")
    sim:at("10s", "cti1", "down")
    sim:at("11s", function()
      expect(c.state, "unaffected").is("connected")
      expect(sim:client("alice").sessions, "its window closed").is_empty()
    end)
    sim:run_until("1m")
    local reports = sim:trace { kind = "client", subject = "alice", details = "session window" }
    expect(details(reports)).is({ "cti: session window closed for call-1",
                                  "cti: session window opened for call-1 (connected)" })
    expect(times(reports)).is({ time("10s"), time("22s") })   -- the backup answers the second attempt
    expect(sim:client("alice").sessions).is({ { call = 1, state = "connected" } })
    expect(c.state).is("connected")
  end,
})
