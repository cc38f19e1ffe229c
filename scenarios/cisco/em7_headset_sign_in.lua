-- EM-7: headset-based sign-in. A known headset connected to a phone signs its
-- user in after the sign-in timer (30 s), with the PIN when the site requires
-- one; after the headset is disconnected the user is logged out when the
-- auto-logout timer (5 min) elapses, unless it is reconnected first.

local function first(list) return list[1] or {} end
local function times(events)
  local list = {}
  for i, event in ipairs(events) do list[i] = event.time end
  return list
end

local function site(def)
  def.policy = "cisco_cucm"
  def.covers = { "EM-7" }
  def.users = { jdoe = { pin = "1234", headset = "HS-0042" }, nopin = { headset = "HS-0099" } }
  def.lines = { ["1001"] = {}, ["3001"] = {}, ["3009"] = {} }
  def.devices = { phone1 = { kind = "deskphone", extension_mobility = true, lines = { "1001" } } }
  def.device_profiles = {
    ["jdoe-profile"] = { user = "jdoe", lines = { "3001" } },
    ["nopin-profile"] = { user = "nopin", lines = { "3009" } },
  }
  return def
end

scenario "the headset signs jdoe in 30 s after it is connected, with her PIN" (site {
  steps = function(sim)
    sim:at("10s", "phone1", "headset-connect", "HS-0042", { pin = "1234" })
    sim:run_until("39s")
    expect(sim:device("phone1").user, "not before the sign-in timer").is_nil()
    expect(sim:device("phone1").headset).is("HS-0042")
    sim:run_until("40s")
    expect(sim:device("phone1").user).is("jdoe")
    local login = first(sim:trace { kind = "login" })
    expect(login.time).is(time("40s"))
    expect(login.details).is("jdoe with profile jdoe-profile (headset HS-0042)")
  end,
})

scenario "with the PIN required, a wrong PIN refuses the headset sign-in" (site {
  steps = function(sim)
    sim:at("10s", "phone1", "headset-connect", "HS-0042", { pin = "9999" })
    sim:run_until("1m")
    expect(sim:device("phone1").user).is_nil()
    local refused = first(sim:trace { kind = "login-refused" })
    expect(refused.time).is(time("40s"))
    expect(refused.details).is("jdoe: wrong PIN")
  end,
})

scenario "with the PIN not required, the headset alone signs the user in" (site {
  extension_mobility = { headset_pin_required = false },
  steps = function(sim)
    sim:at("10s", "phone1", "headset-connect", "HS-0042")
    sim:run_until("40s")
    expect(sim:device("phone1").user).is("jdoe")
  end,
})

scenario "a user without a PIN cannot sign in by headset while a PIN is required" (site {
  steps = function(sim)
    sim:at("10s", "phone1", "headset-connect", "HS-0099")
    sim:run_until("1m")
    expect(sim:device("phone1").user).is_nil()
    expect(first(sim:trace { kind = "login-refused" }).details)
      .is("nopin: headset sign-in needs a PIN and the user has none")
  end,
})

scenario "disconnected, the user is logged out when the 5 min auto-logout timer elapses" (site {
  steps = function(sim)
    sim:at("10s", "phone1", "headset-connect", "HS-0042", { pin = "1234" })
    sim:at("2m", "phone1", "headset-disconnect")
    sim:run_until("6m59s")
    expect(sim:device("phone1").user, "still logged in within the 5 min").is("jdoe")
    sim:run_until("7m")
    expect(sim:device("phone1").user).is_nil()
    local logout = first(sim:trace { kind = "logout" })
    expect(logout.time).is(time("7m"))
    expect(logout.details).is("jdoe: headset disconnected for 5m")
  end,
})

scenario "reconnected within the 5 min, the user stays logged in" (site {
  steps = function(sim)
    sim:at("10s", "phone1", "headset-connect", "HS-0042", { pin = "1234" })
    sim:at("2m", "phone1", "headset-disconnect")
    sim:at("6m", "phone1", "headset-connect", "HS-0042")
    sim:run_until("30m")
    expect(sim:device("phone1").user).is("jdoe")
    expect(sim:trace { kind = "logout" }).is_empty()
    expect(times(sim:trace { kind = "headset" })).is({ time("10s"), time("2m"), time("6m") })
    expect(sim:trace { kind = "headset" }[3].details).is("HS-0042 (jdoe) reconnected: auto logout cancelled")
  end,
})

scenario "a headset disconnected before the sign-in timer signs nobody in" (site {
  steps = function(sim)
    sim:at("10s", "phone1", "headset-connect", "HS-0042", { pin = "1234" })
    sim:at("30s", "phone1", "headset-disconnect")
    sim:run_until("5m")
    expect(sim:device("phone1").user).is_nil()
    expect(sim:trace { kind = "login" }).is_empty()
  end,
})

scenario "an unknown headset signs nobody in" (site {
  steps = function(sim)
    sim:at("10s", "phone1", "headset-connect", "HS-7777")
    sim:run_until("5m")
    expect(sim:device("phone1").user).is_nil()
    expect(first(sim:trace { kind = "headset" }).details).is("HS-7777 connected: not a known headset, no sign-in")
  end,
})

scenario "with headset sign-in switched off, connecting a headset does nothing" (site {
  extension_mobility = { headset_sign_in = false },
  steps = function(sim)
    sim:at("10s", "phone1", "headset-connect", "HS-0042", { pin = "1234" })
    sim:run_until("5m")
    expect(sim:device("phone1").user).is_nil()
  end,
})
