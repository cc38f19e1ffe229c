local policy = extend "base"
function policy.appearance(call, app)
  call.caller = "x"; app[print] = 1
  return "alert"
end
return policy
