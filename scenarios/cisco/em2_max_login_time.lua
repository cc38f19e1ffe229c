-- EM-2: a maximum login time (intra-cluster, for example 8:00; inter-cluster
-- 10:00), when enforced, logs the user out when it elapses.
-- Assumed: the inter-cluster maximum always applies to inter-cluster logins.

local function last(list) return list[#list] or {} end

local function site(def)
  def.policy = "cisco_cucm"
  def.covers = { "EM-2" }
  def.users = { "jdoe" }
  def.lines = { ["1001"] = {}, ["3001"] = {} }
  def.devices = { phone1 = { kind = "deskphone", extension_mobility = true, lines = { "1001" } } }
  def.device_profiles = { ["jdoe-profile"] = { user = "jdoe", lines = { "3001" } } }
  return def
end

scenario "enforced 8h maximum: logged out exactly 8 hours after login" (site {
  extension_mobility = { enforce_max_login_time = true, max_login_time = "8h" },
  steps = function(sim)
    sim:at("10s", "phone1", "login", "jdoe")
    sim:run_until("8h10s")
    expect(sim:device("phone1").user, "the timer fires at 8h10s").is_nil()
    local logout = last(sim:trace { kind = "logout", subject = "phone1" })
    expect(logout.time).is(time("8h10s"))
    expect(logout.details).is("jdoe: maximum login time 8h elapsed")
    expect(sim:device("phone1").lines).is({ "1001" })
  end,
})

scenario "enforced 8h maximum: still logged in one second before it elapses" (site {
  extension_mobility = { enforce_max_login_time = true, max_login_time = "8h" },
  steps = function(sim)
    sim:at("10s", "phone1", "login", "jdoe")
    sim:run_until("8h9s")
    expect(sim:device("phone1").user).is("jdoe")
    expect(sim:device("phone1").logged_in_at).is(time("10s"))
  end,
})

scenario "not enforced (Unified CM's default): no logout after 9 hours" (site {
  steps = function(sim)
    sim:at("10s", "phone1", "login", "jdoe")
    sim:run_until("9h")
    expect(sim:device("phone1").user).is("jdoe")
    expect(sim:trace { kind = "logout" }).is_empty()
  end,
})

scenario "an inter-cluster login is limited to 10 hours" (site {
  steps = function(sim)
    sim:at("0s", "phone1", "login", "jdoe", { inter_cluster = true })
    sim:run_until("9h59m59s")
    expect(sim:device("phone1").user).is("jdoe")
    sim:run_until("10h")
    expect(sim:device("phone1").user).is_nil()
    expect(last(sim:trace { kind = "logout" }).details).is("jdoe: maximum login time 10h elapsed")
  end,
})

scenario "a manual logout cancels the maximum login timer" (site {
  extension_mobility = { enforce_max_login_time = true, max_login_time = "1h" },
  steps = function(sim)
    sim:at("0s", "phone1", "login", "jdoe")
    sim:at("30m", "phone1", "logout")
    sim:at("45m", "phone1", "login", "jdoe")   -- a new login, a new hour
    sim:run_until("1h30m")
    expect(sim:device("phone1").user, "the first login's timer did not fire at 1h").is("jdoe")
    expect(#sim:trace { kind = "logout" }).is(1)
    sim:run_until("1h45m")
    expect(sim:device("phone1").user).is_nil()
  end,
})
