-- expect-error: pcm_multiple_registrations.lua:12: pcm.profiles.office.max_registrations: line 1000: PCM subscribed = yes (from profile office) with maximum simultaneous registrations = 2 (from profile office)
-- also-from-check
scenario "MS-4: PCM together with more than one registration" {
  policy = "metaswitch",
  lines = { ["1000"] = {} },
  pcm = {
    system = { service_level = "Standard", sip_domain = "pcm.example.net", gateway_model = "Generic SIP" },
    service_levels = { Standard = { "pcm.example.net" } },
    gateway_models = { ["Generic SIP"] = "" },
    profiles = {
      office = { subscribed = "yes",
                 max_registrations = 2 },
    },
    lines = { ["1000"] = { profile = "office" } },
  },
  steps = function(sim) expect(1).is(1) end,
}
