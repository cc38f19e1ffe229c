-- EM-9: a logged-out device uses its own line and calling restrictions (for
-- example internal calls only). While a user is logged in, calls to the
-- profile's DNs alert the device; after logout they do not, and the device's
-- own line and restriction return.
--
-- The seed's set-up: the hot-desk phone's own line is internal-only so that
-- nobody can run up costs on it while no user is logged in.

local function site(def)
  def.policy = "cisco_cucm"
  def.covers = { "EM-9" }
  def.users = { "jdoe" }
  def.lines = { ["1001"] = {}, ["2000"] = {}, ["3001"] = {} }
  def.devices = {
    hot_desk = { kind = "deskphone", extension_mobility = true, lines = { "1001" }, restriction = "internal" },
    colleague = { kind = "deskphone", lines = { "2000" } },
  }
  def.device_profiles = { ["jdoe-profile"] = { user = "jdoe", lines = { "3001" }, restriction = "none" } }
  return def
end

scenario "logged in: the profile's DN rings the phone and the phone's own DN does not" (site {
  steps = function(sim)
    sim:at("1s", "hot_desk", "login", "jdoe")
    local to_jdoe = sim:call_at("2s", { from = "+14085550100", to = "3001" })
    local to_desk = sim:call_at("3s", { from = "+14085550101", to = "1001" })
    sim:run_until("5s")
    expect(to_jdoe.alerted).is({ "hot_desk" })
    expect(to_desk.alerted, "1001 has no appearance while jdoe is logged in").is_empty()
    expect(to_desk.outcome, "its CFNA target: voicemail").is("voicemail")
  end,
})

scenario "logged out: the profile's DN no longer rings it and its own DN does" (site {
  steps = function(sim)
    sim:at("1s", "hot_desk", "login", "jdoe")
    sim:at("10s", "hot_desk", "logout")
    local to_jdoe = sim:call_at("11s", { from = "+14085550100", to = "3001" })
    local to_desk = sim:call_at("12s", { from = "+14085550101", to = "1001" })
    sim:run_until("15s")
    expect(to_jdoe.alerted).is_empty()
    expect(to_jdoe.outcome, "3001 has no appearance anywhere: CFNA").is("voicemail")
    expect(to_desk.alerted).is({ "hot_desk" })
    expect(sim:line("3001").registrations).is(0)
    expect(sim:line("1001").registered_devices).is({ "hot_desk" })
  end,
})

scenario "logged out: an external call from the phone is refused, an internal one goes through" (site {
  steps = function(sim)
    local external = sim:call_at("1s", { device = "hot_desk", to = "+14085550100" })
    local internal = sim:call_at("2s", { device = "hot_desk", to = "2000" })
    sim:run_until("5s")
    expect(external.outcome).is("rejected")
    expect(external.detail).is("calling restriction of hot_desk: internal numbers only, +14085550100 is not one")
    expect(internal.alerted).is({ "colleague" })
    expect(internal.from, "caller ID: the phone's own line").is("1001")
  end,
})

scenario "logged in, the profile's restriction applies; logged out again, the phone's" (site {
  steps = function(sim)
    sim:at("1s", "hot_desk", "login", "jdoe")
    local while_in = sim:call_at("2s", { device = "hot_desk", to = "+14085550100" })
    sim:at("3s", "hot_desk", "logout")
    local after = sim:call_at("4s", { device = "hot_desk", to = "+14085550100" })
    sim:run_until("5s")
    expect(while_in.outcome).is("answered")
    expect(while_in.from).is("3001")
    expect(after.outcome).is("rejected")
  end,
})
