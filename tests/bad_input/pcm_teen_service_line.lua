-- expect-error: pcm_teen_service_line.lua:12: pcm.lines.3000.type: PCM does not apply to a Teen Service Line (line 3000)
-- also-from-check
scenario "MS-3: PCM given to a Teen Service Line" {
  policy = "metaswitch",
  lines = { ["3000"] = {} },
  pcm = {
    system = { service_level = "Standard", sip_domain = "pcm.example.net", gateway_model = "Generic SIP" },
    service_levels = { Standard = { "pcm.example.net" } },
    gateway_models = { ["Generic SIP"] = "" },
    profiles = { office = { subscribed = "yes" } },
    lines = {
      ["3000"] = { type = "teen", profile = "office" },
    },
  },
  steps = function(sim) expect(1).is(1) end,
}
