-- expect-error: pcm_unlicensed_domain.lua:12: pcm.lines.1000.sip_domain: line 1000: SIP domain other.example.net (from line 1000) is not licensed for service level Standard (from system default)
-- also-from-check
scenario "MS-5: a SIP domain that is not licensed for the service level" {
  policy = "metaswitch",
  lines = { ["1000"] = {} },
  pcm = {
    system = { service_level = "Standard", sip_domain = "pcm.example.net", gateway_model = "Generic SIP" },
    service_levels = { Standard = { "pcm.example.net" } },
    gateway_models = { ["Generic SIP"] = "" },
    profiles = { office = { subscribed = "yes" } },
    lines = {
      ["1000"] = { profile = "office", sip_domain = "other.example.net" },
    },
  },
  steps = function(sim) expect(1).is(1) end,
}
