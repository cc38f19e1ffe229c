-- replace_oldest.lua: the base policy, except that a registration beyond a
-- line's max_registrations replaces the oldest registration instead of being
-- refused (the alternative CORE-2 allows a policy to choose).
local policy = extend "base"

policy.name = "replace_oldest"

function policy.registrations_full(reg)
  return "replace-oldest"
end

return policy
