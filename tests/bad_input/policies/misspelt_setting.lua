-- A policy whose line defaults are never applied: the setting's name is misspelt.
local policy = extend "base"
policy.line_default = { cfb = "700" }
return policy
