-- A policy whose none_alerted answers a boolean where a divert is expected.
local policy = extend "base"

function policy.none_alerted(call, line)
  return true
end

return policy
