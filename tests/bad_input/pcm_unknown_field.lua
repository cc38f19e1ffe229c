-- expect-error: pcm_unknown_field.lua:8: pcm.profiles.office.sip_domian: unknown field 'sip_domian'
-- also-from-check
scenario "a misspelt PCM field" {
  policy = "metaswitch",
  lines = { ["1000"] = {} },
  pcm = {
    profiles = {
      office = { sip_domian = "pcm.example.net" },
    },
  },
  steps = function(sim) expect(1).is(1) end,
}
