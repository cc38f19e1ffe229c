-- A deliberately broken policy for testing `pbxsim explore`: Metaswitch,
-- except that its "derived from SIP User Agent" entry is spelled like a model
-- of the configured list, so a line whose model is "Generic SIP" gets the one
-- its device's User-Agent matches instead (MS-5: a model from the list is
-- used as it is). The explorer must catch it (INV-PCM-GATEWAY) and shrink a
-- case to a few lines.
local policy = extend "metaswitch"

policy.name = "derives_listed_gateway_model"

policy.pcm.derived_model = "Generic SIP"   -- the bug: a listed model's name

return policy
