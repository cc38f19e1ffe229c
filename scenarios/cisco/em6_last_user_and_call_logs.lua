-- EM-6: "Remember the Last User Logged In" keeps the last user per device;
-- "Clear Call Logs on Intra-Cluster EM" clears the device's call log at login.

local function site(def)
  def.policy = "cisco_cucm"
  def.covers = { "EM-6" }
  def.users = { "jdoe", "asmith" }
  def.lines = { ["1001"] = {}, ["3001"] = {}, ["4001"] = {} }
  def.devices = { phone1 = { kind = "deskphone", extension_mobility = true, lines = { "1001" } } }
  def.device_profiles = {
    ["jdoe-profile"] = { user = "jdoe", lines = { "3001" } },
    ["asmith-profile"] = { user = "asmith", lines = { "4001" } },
  }
  return def
end

scenario "remember the last user: the phone keeps jdoe after she logs out" (site {
  extension_mobility = { remember_last_user = true },
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    sim:at("2s", "phone1", "logout")
    sim:run_until("3s")
    expect(sim:device("phone1").user).is_nil()
    expect(sim:device("phone1").last_user).is("jdoe")
    sim:at("4s", "phone1", "login", "asmith")
    sim:run_until("5s")
    expect(sim:device("phone1").last_user, "the latest login").is("asmith")
  end,
})

scenario "not remembered (Unified CM's default): no last user" (site {
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    sim:at("2s", "phone1", "logout")
    sim:run_until("3s")
    expect(sim:device("phone1").last_user).is_nil()
  end,
})

scenario "clear call logs: the next user does not see the previous calls" (site {
  extension_mobility = { clear_call_logs = true },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:run_until("20s")
    expect(#sim:device("phone1").recent, "the missed call is logged").is(1)
    sim:at("30s", "phone1", "login", "jdoe")
    sim:run_until("31s")
    expect(sim:device("phone1").recent).is_empty()
    expect(sim:trace { kind = "login" }[1].details).contains("call log cleared")
    expect(c.outcome).is("voicemail")
  end,
})

scenario "call logs kept (Unified CM's default): the log survives the login" (site {
  steps = function(sim)
    sim:call_at("1s", { from = "+14085550100", to = "1001" })
    sim:at("30s", "phone1", "login", "jdoe")
    sim:run_until("31s")
    expect(#sim:device("phone1").recent).is(1)
    expect(sim:device("phone1").recent[1].from).is("+14085550100")
  end,
})
