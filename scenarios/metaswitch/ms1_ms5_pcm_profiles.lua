-- MS-1: a PCM service profile (child of a persistent profile) is used by any
-- number of Individual Lines and Business Group Lines.
-- MS-2: each field is explicit or "use default": an Individual Line falls
-- back to the system default; a Business Group Line to its Business Group's
-- configuration, which may come from the Business Group's own profile.
-- MS-3 / MS-4 / MS-5: what the NE refuses (line types, PCM with multiple
-- registrations, unlicensed SIP domains) and how the gateway model is derived.

local lines = { ["1000"] = {}, ["1001"] = {}, ["2000"] = {}, ["3000"] = {} }
local devices = {
  pc1000 = { kind = "softphone", lines = { "1000" }, user_agent = "Bria 5.1 (CounterPath)" },
  pc1001 = { kind = "softphone", lines = { "1001" } },
  pc2000 = { kind = "softphone", lines = { "2000" } },
  desk1000 = { lines = { "1000" }, register = false },
}
local pcm = {
  system = { service_level = "Standard", sip_domain = "pcm.example.net", gateway_model = "Generic SIP" },
  service_levels = { Standard = { "pcm.example.net" }, Premium = { "pcm.example.net", "premium.example.net" } },
  gateway_models = { ["Generic SIP"] = "", ["CounterPath Bria"] = "Bria", ["Polycom VVX"] = "PolycomVVX" },
  profiles = {
    office = { subscribed = "yes", max_registrations = 1, service_level = "default", sip_domain = "default",
               gateway_model = "default" },
    acme_bg = { service_level = "Premium", sip_domain = "premium.example.net" },
  },
  business_groups = { acme = { profile = "acme_bg", gateway_model = "Polycom VVX" } },
  lines = {
    ["1000"] = { profile = "office", password = "pw1000" },                             -- Individual Line
    ["1001"] = { profile = "office", password = "pw1001", sip_domain = "pcm.example.net" },
    ["2000"] = { business_group = "acme", profile = "office", password = "pw2000" },   -- Business Group Line
  },
}

scenario "MS-1: one PCM profile serves Individual Lines and Business Group Lines" {
  expect_findings = { "PBX-UNREACHABLE:3000" },  -- line 3000 exists for its PCM settings only
  policy = "metaswitch", covers = { "MS-1" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    for _, dn in ipairs { "1000", "1001", "2000" } do
      expect(sim:pcm(dn).profile, dn).is("office")
      expect(sim:pcm(dn).subscribed, dn).is({ value = "yes", from = "profile office" })
    end
    expect(sim:pcm("1000").type).is("individual")
    expect(sim:pcm("2000").type).is("business_group")
    expect(sim:pcm("3000"), "not a PCM subscriber").is_nil()
  end,
}

scenario "MS-2: use default resolves to the system default for an Individual Line" {
  expect_findings = { "PBX-UNREACHABLE:3000" },  -- line 3000 exists for its PCM settings only
  policy = "metaswitch", covers = { "MS-2" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    local line = sim:pcm("1000")
    expect(line.service_level).is({ value = "Standard", from = "system default" })
    expect(line.sip_domain).is({ value = "pcm.example.net", from = "system default" })
    expect(line.gateway_model).is({ value = "Generic SIP", from = "system default" })
    expect(line.max_registrations).is({ value = "1", from = "profile office" })
    expect(sim:pcm("1001").sip_domain, "the line's own value wins").is({ value = "pcm.example.net", from = "line 1001" })
  end,
}

scenario "MS-2: a Business Group Line inherits from its Business Group, then the Business Group's profile" {
  expect_findings = { "PBX-UNREACHABLE:3000" },  -- line 3000 exists for its PCM settings only
  policy = "metaswitch", covers = { "MS-2" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    local line = sim:pcm("2000")
    expect(line.gateway_model).is({ value = "Polycom VVX", from = "business group acme" })
    expect(line.service_level).is({ value = "Premium", from = "profile acme_bg" })
    expect(line.sip_domain).is({ value = "premium.example.net", from = "profile acme_bg" })
    -- The Business Group's profile changes: its lines follow, Individual Lines do not.
    sim:at("1s", "admin", "pcm-profile", "acme_bg", { service_level = "Standard", sip_domain = "pcm.example.net" })
    sim:run_until("2s")
    expect(sim:pcm("2000").service_level).is({ value = "Standard", from = "profile acme_bg" })
    expect(sim:pcm("1000").service_level).is({ value = "Standard", from = "system default" })
    -- Every subscriber's values and their sources are in the trace for reports.
    local config = sim:trace { kind = "pcm", subject = "2000" }
    expect(config[1].details).contains("gateway_model = Polycom VVX (from business group acme)")
  end,
}

scenario "MS-3: PCM on a Teen Service Line, MADN, MLHG Pilot DN or PBX is refused, naming the line type" {
  expect_findings = { "PBX-UNREACHABLE:3000" },  -- line 3000 exists for its PCM settings only
  policy = "metaswitch", covers = { "MS-3" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    sim:at("1s", "admin", "pcm-line", "3000", { type = "teen", profile = "office" })
    sim:at("2s", "admin", "pcm-line", "3000", { type = "madn", profile = "office" })
    sim:at("3s", "admin", "pcm-line", "3000", { type = "mlhg_pilot", profile = "office" })
    sim:at("4s", "admin", "pcm-line", "3000", { type = "pbx", profile = "office" })
    sim:at("5s", "admin", "pcm-line", "3000", { type = "individual", profile = "office" })
    sim:run_until("6s")
    local refused = {}
    for _, e in ipairs(sim:trace { kind = "pcm-refused" }) do refused[#refused + 1] = e.details:match(": ([^:]*)$") end
    expect(refused).is({ "PCM does not apply to a Teen Service Line (line 3000)",
                         "PCM does not apply to a MADN (line 3000)",
                         "PCM does not apply to a MLHG Pilot DN (line 3000)",
                         "PCM does not apply to a PBX (line 3000)" })
    expect(sim:pcm("3000").subscribed, "an Individual Line may").is({ value = "yes", from = "profile office" })
  end,
}

scenario "MS-4: PCM with more than one registration is refused, naming both settings" {
  expect_findings = { "PBX-UNREACHABLE:3000" },  -- line 3000 exists for its PCM settings only
  policy = "metaswitch", covers = { "MS-4", "CORE-2" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    sim:at("1s", "admin", "pcm-profile", "office", { max_registrations = 2 })
    sim:at("2s", "desk1000", "register")     -- the profile allows one registration; pc1000 has it
    sim:run_until("3s")
    local refused = sim:trace { kind = "pcm-refused" }
    expect(#refused).is(1)
    expect(refused[1].details).is("profile office: max_registrations = 2: line 1000: PCM subscribed = yes (from profile " ..
                                  "office) with maximum simultaneous registrations = 2 (from profile office): PCM " ..
                                  "cannot be used by a subscriber who may register more than once")
    expect(sim:pcm("1000").max_registrations.value, "unchanged").is("1")
    expect(#sim:trace { kind = "registration-refused", subject = "desk1000" }).is(1)
    -- Without PCM, multiple registrations are fine.
    sim:at("4s", "admin", "pcm-profile", "office", { subscribed = "no", max_registrations = 2 })
    sim:run_until("5s")
    expect(sim:pcm("1000").max_registrations.value).is("2")
    expect(#sim:trace { kind = "pcm-refused" }).is(1)
  end,
}

scenario "MS-5: the SIP domain must be licensed for the service level; levels and models come from their lists" {
  expect_findings = { "PBX-UNREACHABLE:3000" },  -- line 3000 exists for its PCM settings only
  policy = "metaswitch", covers = { "MS-5" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    sim:at("1s", "admin", "pcm-line", "1000", { sip_domain = "premium.example.net" })    -- Standard: not licensed
    sim:at("2s", "admin", "pcm-line", "1000", { service_level = "Gold" })
    sim:at("3s", "admin", "pcm-line", "1000", { gateway_model = "Rotary Dial 2000" })
    sim:at("4s", "admin", "pcm-line", "1000", { service_level = "Premium", sip_domain = "premium.example.net" })
    sim:run_until("5s")
    local refused = sim:trace { kind = "pcm-refused" }
    expect(#refused).is(3)
    expect(refused[1].details).contains("SIP domain premium.example.net (from line 1000) is not licensed for " ..
                                        "service level Standard (from system default) (licensed: pcm.example.net)")
    expect(refused[2].details).contains("unknown service level Gold (from line 1000)")
    expect(refused[3].details).contains("unknown media gateway model Rotary Dial 2000 (from line 1000)")
    expect(sim:pcm("1000").sip_domain).is({ value = "premium.example.net", from = "line 1000" })
  end,
}

scenario "MS-5: 'Derived from SIP User Agent' matches the User-Agent given at registration" {
  expect_findings = { "PBX-UNREACHABLE:3000" },  -- line 3000 exists for its PCM settings only
  policy = "metaswitch", covers = { "MS-5" },
  lines = lines, devices = devices, pcm = pcm,
  steps = function(sim)
    sim:at("1s", "admin", "pcm-profile", "office", { gateway_model = "Derived from SIP User Agent" })
    sim:run_until("2s")
    expect(sim:pcm("1000").gateway_model).is({ value = "CounterPath Bria",
      from = "derived from SIP User Agent 'Bria 5.1 (CounterPath)' (setting from profile office)" })
    sim:at("3s", "pc1000", "register", { user_agent = "PolycomVVX-VVX_410-UA/6.4" })
    local c = sim:call_at("4s", "+14085550100", "1000")
    sim:run_until("5s")
    expect(sim:pcm("1000").gateway_model.value).is("Polycom VVX")
    expect(c.gateway_model).is("Polycom VVX")
    expect(sim:pcm("1001").gateway_model.value, "registered without a User-Agent").is("none")
  end,
}
