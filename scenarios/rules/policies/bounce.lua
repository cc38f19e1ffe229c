-- bounce.lua: a policy that sends every unanswered call to line 1000,
-- including 1000's own: the engine's loop detection must stop it.
local policy = extend "base"
policy.name = "bounce"

function policy.none_alerted(call, line)
  return to("1000")
end

return policy
