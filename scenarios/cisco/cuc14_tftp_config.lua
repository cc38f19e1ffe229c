-- CUC-14: configuration download. The client tries the primary TFTP server,
-- then the backups in the configured order; if all fail it loads the last
-- valid downloaded configuration with a warning; with no cached
-- configuration it reports a failure and enters Disabled mode.
-- Assumed: an attempt gives up after 5 s (the policy's tftp_timeout).

local function times(events)
  local list = {}
  for i, event in ipairs(events) do list[i] = event.time end
  return list
end
local function tftp_attempts(sim) return sim:trace { kind = "attempt", subject = "alice", details = "tftp " } end

local function office(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-14" }
  def.users = { alice = { mode = "deskphone", client = def.client } }
  def.client = nil
  def.lines = { ["1000"] = {}, ["2000"] = {} }
  def.devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
    other = { kind = "deskphone", lines = { "2000" } },
  }
  def.servers = def.servers or { tftp1 = "tftp", tftp2 = "tftp", tftp3 = "tftp", cti1 = "cti" }
  return def
end

scenario "the primary answers: the configuration comes from it" (office {
  client = { tftp = { "tftp1", "tftp2", "tftp3" }, cti = { "cti1" } },
  steps = function(sim)
    sim:run_until("1s")
    local client = sim:client("alice")
    expect(client.config).is("downloaded")
    expect(client.config_source).is("tftp1")
    expect(client.health).is("ok")
    expect(tftp_attempts(sim)[1].details).is("tftp tftp1: downloaded UPCALICE.cnf.xml")
  end,
})

scenario "the primary is down: the backups in their configured order" (office {
  client = { tftp = { "tftp1", "tftp2", "tftp3" }, cti = { "cti1" } },
  servers = { tftp1 = { kind = "tftp", up = false }, tftp2 = { kind = "tftp", up = false }, tftp3 = "tftp",
              cti1 = "cti" },
  steps = function(sim)
    sim:run_until("1m")
    expect(times(tftp_attempts(sim))).is({ 0, time("5s"), time("10s") })
    expect(sim:client("alice").config_source).is("tftp3")
  end,
})

scenario "every server down, a cached configuration: loaded with a warning" (office {
  client = { tftp = { "tftp1", "tftp2" }, cached_config = true, cti = { "cti1" } },
  servers = { tftp1 = { kind = "tftp", up = false }, tftp2 = { kind = "tftp", up = false }, cti1 = "cti" },
  steps = function(sim)
    sim:run_until("1m")
    local client = sim:client("alice")
    expect(client.config).is("cached")
    expect(client.health).is("warning")
    expect(client.disabled).is_false()
    expect(client.cti, "the client still controls the desk phone").is("connected")
    local report = sim:trace { kind = "client", details = "configuration" }[1]
    expect(report.time, "after both attempts gave up").is(time("10s"))
  end,
})

scenario "every server down and nothing cached: failure and Disabled mode" (office {
  client = { tftp = { "tftp1", "tftp2" }, cti = { "cti1" } },
  servers = { tftp1 = { kind = "tftp", up = false }, tftp2 = { kind = "tftp", up = false }, cti1 = "cti" },
  steps = function(sim)
    local dial = sim:call_at("20s", { client = "alice", to = "2000" })
    sim:run_until("1m")
    local client = sim:client("alice")
    expect(client.config).is("failed")
    expect(client.health).is("failure")
    expect(client.disabled).is_true()
    expect(client.cti, "no phone control in Disabled mode").is("off")
    expect(dial.outcome).is("rejected")
    expect(dial.detail).is("alice's client is in Disabled mode (no configuration)")
  end,
})

scenario "a download in this run is the cache for the next failure" (office {
  client = { tftp = { "tftp1" }, cti = { "cti1" } },
  steps = function(sim)
    sim:at("1m", "tftp1", "down")
    sim:at("2m", "alice", "client-restart")
    sim:run_until("3m")
    expect(sim:client("alice").config).is("cached")
    sim:at("4m", "tftp1", "up")
    sim:at("5m", "alice", "client-restart")
    sim:run_until("6m")
    expect(sim:client("alice").config).is("downloaded")
  end,
})
