local policy = extend "base"
local number = string.rep("7", 8 << 20)
function policy.none_alerted(call, line)
  return { destination = "to", number = number }
end
return policy
