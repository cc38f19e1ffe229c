-- MS-6: changing the Media Gateway Model while the subscriber is in a call:
-- that call keeps the old model, the new one applies from the next call.
-- MS-7: the PCM authentication key is derived from the SIP domain and the
-- password; changing the profile's domain invalidates the key of every
-- subscriber using the profile without overriding the domain, until the
-- password is re-entered; meanwhile that PCM cannot connect.

local lines = { ["1000"] = {}, ["1001"] = {} }
local devices = {
  pc1000 = { kind = "softphone", lines = { "1000" }, user_agent = "Bria 5.1" },
  pc1001 = { kind = "softphone", lines = { "1001" } },
}
local pcm = {
  system = { service_level = "Standard", sip_domain = "pcm.example.net", gateway_model = "Generic SIP" },
  service_levels = { Standard = { "pcm.example.net", "pcm2.example.net" } },
  gateway_models = { ["Generic SIP"] = "", ["CounterPath Bria"] = "Bria", ["Polycom VVX"] = "PolycomVVX" },
  profiles = { office = { subscribed = "yes", sip_domain = "pcm.example.net", gateway_model = "CounterPath Bria" } },
  lines = {
    ["1000"] = { profile = "office", password = "pw1000" },
    ["1001"] = { profile = "office", password = "pw1001", sip_domain = "pcm.example.net" },  -- overrides the domain
  },
}

scenario "MS-6: a gateway model change mid-call applies from the next call" {
  policy = "metaswitch", covers = { "MS-6" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    local first = sim:call_at("1s", "+14085550100", "1000")
    sim:at("2s", "pc1000", "answer")
    sim:at("5s", "admin", "pcm-profile", "office", { gateway_model = "Polycom VVX" })
    sim:at("6s", function()
      expect(first.state, "the first call is still up").is("connected")
      expect(first.gateway_model, "and keeps the old model").is("CounterPath Bria")
      expect(sim:pcm("1000").gateway_model.value, "the profile has the new one").is("Polycom VVX")
    end)
    sim:at("30s", "pc1000", "hangup")
    local next_call = sim:call_at("40s", "+14085550101", "1000")
    sim:at("41s", "pc1000", "answer")
    sim:run()
    expect(first.gateway_model).is("CounterPath Bria")
    expect(next_call.gateway_model).is("Polycom VVX")
    local models = {}
    for _, e in ipairs(sim:trace { kind = "pcm" }) do
      if e.subject:match("^call%-") then models[#models + 1] = e.subject .. ": " .. e.details end
    end
    expect(models).is({ "call-1: line 1000 uses media gateway model CounterPath Bria (profile office)",
                        "call-2: line 1000 uses media gateway model Polycom VVX (profile office)" })
  end,
}

scenario "MS-6: with a derived model, a new User-Agent applies from the next call too" {
  policy = "metaswitch", covers = { "MS-6", "MS-5" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    sim:at("0s", "admin", "pcm-profile", "office", { gateway_model = "Derived from SIP User Agent" })
    local first = sim:call_at("1s", "+14085550100", "1000")
    sim:at("2s", "pc1000", "answer")
    sim:at("5s", "pc1000", "register", { user_agent = "PolycomVVX-VVX_410" })
    local second = sim:call_at("10s", "+14085550101", "1000")
    sim:run_until("11s")
    expect(first.gateway_model).is("CounterPath Bria")
    expect(second.gateway_model).is("Polycom VVX")
  end,
}

scenario "MS-7: a domain change invalidates the key until the password is entered again" {
  policy = "metaswitch", covers = { "MS-7" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    sim:at("1s", "1000", "pcm-connect")
    sim:at("2s", "admin", "pcm-profile", "office", { sip_domain = "pcm2.example.net" })
    sim:at("3s", "1000", "pcm-connect")
    sim:at("4s", "1001", "pcm-connect")                     -- overrides the domain: unaffected
    sim:at("5s", "1000", "pcm-password", "pw1000")
    sim:at("6s", "1000", "pcm-connect")
    sim:run_until("7s")
    local connected = {}
    for _, e in ipairs(sim:trace { kind = "pcm" }) do
      if e.details:find("^PCM connected") then connected[#connected + 1] = e.time // 1000000 .. "s " .. e.subject end
    end
    expect(connected).is({ "1s 1000", "4s 1001", "6s 1000" })
    local invalid = sim:trace { kind = "pcm", subject = "1000" }
    expect(invalid[3].details).is("authentication key invalid: SIP domain is now pcm2.example.net (from profile office); " ..
                                  "re-enter the password")
    local refused = sim:trace { kind = "pcm-refused", subject = "1000" }
    expect(#refused).is(1)
    expect(refused[1].details).is("connect: authentication key does not match SIP domain pcm2.example.net: re-enter the password")
    expect(sim:pcm("1000").key_valid).is_true()
    expect(#sim:trace { kind = "pcm", subject = "1001" }, "1001: its configuration and its connection only").is(2)
  end,
}

scenario "MS-7: while the key is invalid the PCM cannot connect; others on the profile are told too" {
  policy = "metaswitch", covers = { "MS-7" },
  lines = lines, devices = devices,
  pcm = {
    system = pcm.system, service_levels = pcm.service_levels, gateway_models = pcm.gateway_models,
    profiles = pcm.profiles,
    lines = { ["1000"] = { profile = "office", password = "a" }, ["1001"] = { profile = "office", password = "b" } },
  },
  steps = function(sim)
    sim:at("1s", "admin", "pcm-profile", "office", { sip_domain = "pcm2.example.net" })
    sim:at("2s", "1001", "pcm-connect")
    sim:run_until("3s")
    expect(sim:pcm("1000").key_valid).is_false()
    expect(sim:pcm("1001").key_valid).is_false()
    expect(sim:pcm("1001").connected).is_false()
    expect(#sim:trace { kind = "pcm-refused", subject = "1001" }).is(1)
  end,
}
