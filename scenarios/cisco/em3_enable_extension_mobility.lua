-- EM-3: a login is refused on a device without "Enable Extension Mobility".

local function first(list) return list[1] or {} end

local function site(def)
  def.policy = "cisco_cucm"
  def.covers = { "EM-3" }
  def.users = { "jdoe" }
  def.lines = { ["1001"] = {}, ["1002"] = {}, ["3001"] = {} }
  def.devices = {
    hot_desk = { kind = "deskphone", extension_mobility = true, lines = { "1001" } },
    lobby = { kind = "deskphone", lines = { "1002" } },   -- the box is not checked
  }
  def.device_profiles = { ["jdoe-profile"] = { user = "jdoe", lines = { "3001" } } }
  return def
end

scenario "a phone without Enable Extension Mobility refuses the login" (site {
  steps = function(sim)
    sim:at("1s", "lobby", "login", "jdoe")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1002" })
    sim:run_until("3s")
    expect(sim:device("lobby").user).is_nil()
    expect(sim:device("lobby").extension_mobility).is_false()
    expect(sim:device("lobby").lines, "its own line stays").is({ "1002" })
    expect(first(sim:trace { kind = "login-refused", subject = "lobby" }).details)
      .is("jdoe: extension mobility is not enabled on lobby")
    expect(sim:trace { kind = "login" }).is_empty()
    expect(c.alerted).is({ "lobby" })
  end,
})

scenario "the same user logs in to a phone that has it enabled" (site {
  steps = function(sim)
    sim:at("1s", "hot_desk", "login", "jdoe")
    sim:run_until("2s")
    expect(sim:device("hot_desk").user).is("jdoe")
    expect(first(sim:trace { kind = "login" }).details).is("jdoe with profile jdoe-profile (manual)")
  end,
})
