-- EM-4: at login the user's device profile (lines, button template,
-- settings) replaces the device's own; at logout the device returns to its
-- log-out profile ("use current device settings").
-- CUC-8: a user logging in makes the phone adopt the profile (lines, speed
-- dials, services); the next user's login replaces it.

local function first(list) return list[1] or {} end

local function site(def)
  def.policy = "cisco_cucm"
  def.users = { "jdoe", "asmith" }
  def.lines = { ["1001"] = {}, ["3001"] = {}, ["3002"] = {}, ["4001"] = {} }
  def.devices = {
    phone1 = {
      kind = "deskphone", model = "8845", extension_mobility = true, lines = { "1001" },
      button_template = "Standard 8845 SIP", speed_dials = { "911" }, services = {},
      settings = { line_text_label = "Please Login" }, restriction = "internal",
    },
  }
  def.device_profiles = {
    ["jdoe-8845"] = {
      user = "jdoe", model = "8845", lines = { "3001", "3002" },
      button_template = "jdoe 8845 two lines", speed_dials = { "+14085550100", "4001" },
      services = { "Extension Mobility", "Corporate Directory" },
      settings = { line_text_label = "Jane Doe", user_locale = "English United States" },
    },
    ["asmith-8845"] = {
      user = "asmith", model = "8845", lines = { "4001" },
      button_template = "Standard 8845 SIP", speed_dials = {}, services = { "Extension Mobility" },
    },
  }
  return def
end

scenario "at login the profile's lines, template, speed dials, services and settings replace the phone's" (site {
  covers = { "EM-4", "CUC-8" },
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    sim:run_until("2s")
    local phone = sim:device("phone1")
    expect(phone.user).is("jdoe")
    expect(phone.profile).is("jdoe-8845")
    expect(phone.lines).is({ "3001", "3002" })
    expect(phone.registered_lines, "the phone re-registers with the profile's lines").is({ "3001", "3002" })
    expect(phone.button_template).is("jdoe 8845 two lines")
    expect(phone.speed_dials).is({ "+14085550100", "4001" })
    expect(phone.services).is({ "Extension Mobility", "Corporate Directory" })
    expect(phone.settings).is({ line_text_label = "Jane Doe", user_locale = "English United States" })
    expect(phone.restriction, "the profile sets none").is("none")
  end,
})

scenario "at logout the phone returns to its own settings" (site {
  covers = { "EM-4" },
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    sim:at("1h", "phone1", "logout")
    sim:run_until("1h1s")
    local phone = sim:device("phone1")
    expect(phone.user).is_nil()
    expect(phone.profile).is_nil()
    expect(phone.lines).is({ "1001" })
    expect(phone.registered_lines).is({ "1001" })
    expect(phone.button_template).is("Standard 8845 SIP")
    expect(phone.speed_dials).is({ "911" })
    expect(phone.services).is_empty()
    expect(phone.settings).is({ line_text_label = "Please Login" })
    expect(phone.restriction).is("internal")
    expect(first(sim:trace { kind = "logout" }).details).is("jdoe: logged out")
  end,
})

scenario "the next user's login replaces the profile" (site {
  covers = { "CUC-8" },
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    sim:at("2h", "phone1", "login", "asmith")
    local to_jdoe = sim:call_at("2h1s", { from = "+14085550100", to = "3001" })
    local to_asmith = sim:call_at("2h2s", { from = "+14085550100", to = "4001" })
    sim:run_until("2h5s")
    local phone = sim:device("phone1")
    expect(phone.user).is("asmith")
    expect(phone.lines).is({ "4001" })
    expect(phone.speed_dials).is_empty()
    expect(phone.services).is({ "Extension Mobility" })
    expect(sim:user("jdoe").logged_in).is_empty()
    expect(first(sim:trace { kind = "logout" }).details).is("jdoe: replaced by asmith's login")
    expect(to_jdoe.alerted, "jdoe's DN no longer rings there").is_empty()
    expect(to_asmith.alerted).is({ "phone1" })
  end,
})

scenario "a call placed from the logged-in phone shows the profile's DN as caller ID" (site {
  covers = { "CUC-8" },
  steps = function(sim)
    sim:at("1s", "phone1", "login", "asmith")
    local c = sim:call_at("2s", { device = "phone1", to = "+14085550100" })
    sim:run_until("3s")
    expect(c.from).is("4001")
    expect(c.from_device).is("phone1")
    expect(c.outcome).is("answered")
  end,
})
