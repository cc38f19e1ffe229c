-- EM-1: the intra-cluster multiple-login behaviour is one of "multiple logins
-- allowed", "multiple logins not allowed" (the second login is refused) and
-- "auto logout" (the user is logged out of the other phone, then logged in to
-- the new one). Unified CM's suggested value is "not allowed"; the ALM manual
-- (seed 004) sets "auto logout".
--
-- Two EM-enabled phones in a hot-desk area, each with its own DN (1001,
-- 1002); jdoe's device profile carries her DN 3001.

local function first(list) return list[1] or {} end

local function hot_desks(def)
  def.policy = "cisco_cucm"
  def.covers = { "EM-1" }
  def.users = { "jdoe" }
  def.lines = { ["1001"] = {}, ["1002"] = {}, ["3001"] = {} }
  def.devices = {
    phone1 = { kind = "deskphone", extension_mobility = true, lines = { "1001" } },
    phone2 = { kind = "deskphone", extension_mobility = true, lines = { "1002" } },
  }
  def.device_profiles = { ["jdoe-profile"] = { user = "jdoe", lines = { "3001" } } }
  def.extension_mobility = { multiple_login = def.multiple_login }
  def.multiple_login = nil
  return def
end

scenario "multiple logins not allowed: the second login is refused" (hot_desks {
  multiple_login = "not-allowed",
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    sim:at("2s", "phone2", "login", "jdoe")
    local c = sim:call_at("3s", { from = "+14085550100", to = "3001" })
    sim:run_until("5s")
    expect(sim:device("phone1").user).is("jdoe")
    expect(sim:device("phone2").user, "refused").is_nil()
    expect(sim:device("phone2").lines, "phone2 keeps its own line").is({ "1002" })
    expect(sim:user("jdoe").logged_in).is({ "phone1" })
    expect(first(sim:trace { kind = "login-refused" }).details)
      .is("jdoe: already logged in to phone1 (multiple logins not allowed)")
    expect(c.alerted).is({ "phone1" })
  end,
})

scenario "auto logout: the user moves to the new phone" (hot_desks {
  multiple_login = "auto-logout",
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    sim:at("2s", "phone2", "login", "jdoe")
    local c = sim:call_at("3s", { from = "+14085550100", to = "3001" })
    sim:run_until("5s")
    expect(sim:device("phone1").user, "logged out of phone1").is_nil()
    expect(sim:device("phone1").lines, "phone1 has its own line back").is({ "1001" })
    expect(sim:device("phone2").user).is("jdoe")
    local logout = first(sim:trace { kind = "logout", subject = "phone1" })
    expect(logout.details).is("jdoe: auto logout: jdoe logged in to phone2")
    expect(logout.time, "at the second login").is(time("2s"))
    expect(c.alerted, "only the phone she is on now").is({ "phone2" })
  end,
})

scenario "auto logout: a call ringing on the old phone stops ringing there" (hot_desks {
  multiple_login = "auto-logout",
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    local c = sim:call_at("2s", { from = "+14085550100", to = "3001" })
    sim:at("3s", "phone2", "login", "jdoe")
    sim:run_until("4s")
    expect(sim:device("phone1").ringing).is(0)
    expect(first(sim:trace { kind = "alert-stopped", subject = "phone1" }).details)
      .is("call-1: logout of jdoe")
    expect(c.state, "the caller still hears ringback until the no-answer timer").is("alerting")
    sim:run()
    expect(c.outcome, "CFNA (voicemail by default)").is("voicemail")
  end,
})

scenario "multiple logins allowed: both phones present the profile and ring" (hot_desks {
  multiple_login = "allowed",
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    sim:at("2s", "phone2", "login", "jdoe")
    local c = sim:call_at("3s", { from = "+14085550100", to = "3001" })
    sim:run_until("5s")
    expect(sim:user("jdoe").logged_in).is({ "phone1", "phone2" })
    expect(c.alerted, "a shared appearance of 3001 on both").is({ "phone1", "phone2" })
    expect(sim:trace { kind = "login-refused" }).is_empty()
  end,
})
