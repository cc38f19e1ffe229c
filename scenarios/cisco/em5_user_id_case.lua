-- EM-5: the user ID is not case-sensitive.

local function first(list) return list[1] or {} end

local function site(def)
  def.policy = "cisco_cucm"
  def.covers = { "EM-5" }
  def.users = { jdoe = { pin = "1234" } }
  def.lines = { ["1001"] = {}, ["1002"] = {}, ["3001"] = {} }
  def.devices = {
    phone1 = { kind = "deskphone", extension_mobility = true, lines = { "1001" } },
    phone2 = { kind = "deskphone", extension_mobility = true, lines = { "1002" } },
  }
  def.device_profiles = { ["jdoe-profile"] = { user = "jdoe", lines = { "3001" } } }
  return def
end

scenario "JDOE, JDoe and jdoe are the same user" (site {
  steps = function(sim)
    sim:at("1s", "phone1", "login", "JDOE", { pin = "1234" })
    sim:run_until("2s")
    expect(sim:device("phone1").user, "the user as configured").is("jdoe")
    expect(sim:user("JDoe").logged_in).is({ "phone1" })
    expect(first(sim:trace { kind = "login" }).details).contains("jdoe with profile jdoe-profile")
  end,
})

scenario "a differently written ID is still the user already logged in (multiple logins not allowed)" (site {
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe", { pin = "1234" })
    sim:at("2s", "phone2", "login", "JDoe", { pin = "1234" })
    sim:run_until("3s")
    expect(sim:device("phone2").user).is_nil()
    expect(first(sim:trace { kind = "login-refused" }).details)
      .is("jdoe: already logged in to phone1 (multiple logins not allowed)")
  end,
})

scenario "the PIN is case-sensitive even when the user ID is not: a wrong PIN is refused" (site {
  steps = function(sim)
    sim:at("1s", "phone1", "login", "JDOE", { pin = "4321" })
    sim:at("2s", "phone2", "login", "jdoe")
    sim:run_until("3s")
    local refusals = sim:trace { kind = "login-refused" }
    expect(refusals[1].details).is("jdoe: wrong PIN")
    expect(refusals[2].details).is("jdoe: a PIN is required")
    expect(sim:user("jdoe").logged_in).is_empty()
  end,
})
