-- A policy whose group settings name an unknown distribution strategy.
local policy = extend "base"
policy.name = "bad_group_strategy"
policy.groups = { strategy = "random" }
return policy
