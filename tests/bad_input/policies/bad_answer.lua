local policy = extend "base"

function policy.appearance(call, app)
  return "ring"
end

return policy
