-- EM-10: a device and a profile may carry the same DN, and a device without a
-- DN can still be logged in to.

local function site(def)
  def.policy = "cisco_cucm"
  def.covers = { "EM-10" }
  def.users = { "jdoe" }
  def.lines = { ["3001"] = {} }
  def.device_profiles = { ["jdoe-profile"] = { user = "jdoe", lines = { "3001" } } }
  return def
end

scenario "the phone and the profile both carry 3001: the login works and 3001 keeps ringing the phone" (site {
  devices = { phone1 = { kind = "deskphone", extension_mobility = true, lines = { "3001" } } },
  steps = function(sim)
    local before = sim:call_at("1s", { from = "+14085550100", to = "3001" })
    sim:at("2s", "phone1", "answer")
    sim:at("3s", "phone1", "hangup")
    sim:at("10s", "phone1", "login", "jdoe")
    local during = sim:call_at("11s", { from = "+14085550100", to = "3001" })
    sim:run_until("12s")
    expect(sim:device("phone1").user).is("jdoe")
    expect(sim:device("phone1").lines).is({ "3001" })
    expect(before.answered_by).is("phone1")
    expect(during.alerted).is({ "phone1" })
    expect(sim:line("3001").registrations, "one appearance, not two").is(1)
  end,
})

scenario "a phone without any DN can be logged in to and then rings for the profile's DN" (site {
  devices = { bare = { kind = "deskphone", extension_mobility = true, lines = {} } },
  steps = function(sim)
    sim:at("1s", "bare", "login", "jdoe")
    local c = sim:call_at("2s", { from = "+14085550100", to = "3001" })
    sim:run_until("3s")
    expect(sim:device("bare").user).is("jdoe")
    expect(sim:device("bare").registered_lines).is({ "3001" })
    expect(c.alerted).is({ "bare" })
    sim:at("4s", "bare", "logout")
    sim:run_until("5s")
    expect(sim:device("bare").lines, "back to no DN").is_empty()
  end,
})
