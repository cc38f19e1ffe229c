-- A policy whose hop limit is text.
local policy = extend "base"
policy.name = "setting_wrong_type"
policy.hop_limit = "8"
return policy
