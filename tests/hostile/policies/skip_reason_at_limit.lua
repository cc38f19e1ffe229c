local policy = extend "base"
local reason = string.rep("r", 4096)
function policy.appearance(call, app)
  return "skip", reason
end
return policy
