-- EM-8: a user may have several device profiles and a default one; the login
-- uses the profile that fits the device (its model), else the default.

local function first(list) return list[1] or {} end

local function site(def)
  def.policy = "cisco_cucm"
  def.covers = { "EM-8" }
  def.users = { jdoe = { default_profile = def.default_profile } }
  def.default_profile = nil
  def.lines = { ["1001"] = {}, ["1002"] = {}, ["1003"] = {}, ["3001"] = {}, ["3002"] = {} }
  def.devices = {
    desk_8845 = { kind = "deskphone", model = "8845", extension_mobility = true, lines = { "1001" } },
    desk_7960 = { kind = "deskphone", model = "7960", extension_mobility = true, lines = { "1002" } },
    desk_9971 = { kind = "deskphone", model = "9971", extension_mobility = true, lines = { "1003" } },
  }
  def.device_profiles = {
    ["jdoe-8845"] = { user = "jdoe", model = "8845", lines = { "3001", "3002" }, button_template = "8845 two lines" },
    ["jdoe-7960"] = { user = "jdoe", model = "7960", lines = { "3001" }, button_template = "Standard 7960 SCCP" },
  }
  return def
end

scenario "the profile for the phone's model is used" (site {
  default_profile = "jdoe-8845",
  steps = function(sim)
    sim:at("1s", "desk_7960", "login", "jdoe")
    sim:run_until("2s")
    expect(sim:device("desk_7960").profile).is("jdoe-7960")
    expect(sim:device("desk_7960").lines).is({ "3001" })
  end,
})

scenario "no profile for the model: the default profile is used" (site {
  default_profile = "jdoe-8845",
  steps = function(sim)
    sim:at("1s", "desk_9971", "login", "jdoe")
    sim:run_until("2s")
    expect(sim:device("desk_9971").profile).is("jdoe-8845")
    expect(sim:device("desk_9971").button_template).is("8845 two lines")
  end,
})

scenario "no profile for the model and no default: the login is refused" (site {
  steps = function(sim)
    sim:at("1s", "desk_9971", "login", "jdoe")
    sim:run_until("2s")
    expect(sim:device("desk_9971").user).is_nil()
    expect(first(sim:trace { kind = "login-refused" }).details)
      .is("jdoe: no device profile of jdoe is for model '9971' and there is no default profile")
  end,
})

scenario "a profile the user chooses at login wins over the model's" (site {
  default_profile = "jdoe-8845",
  steps = function(sim)
    sim:at("1s", "desk_7960", "login", "jdoe", { profile = "jdoe-8845" })
    sim:at("2s", "desk_8845", "login", "jdoe", { profile = "not-hers" })
    sim:run_until("3s")
    expect(sim:device("desk_7960").profile).is("jdoe-8845")
    expect(first(sim:trace { kind = "login-refused" }).details)
      .is("jdoe: 'not-hers' is not one of jdoe's device profiles")
  end,
})
