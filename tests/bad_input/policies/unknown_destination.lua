-- A policy that sends unanswered calls to a number the topology does not have.
local policy = extend "base"

function policy.none_alerted(call, line)
  return to("7000")
end

return policy
