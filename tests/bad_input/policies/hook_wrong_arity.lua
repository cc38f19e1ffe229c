-- A policy whose appearance hook forgot the call argument: `app` would be the call.
local policy = extend "base"

function policy.appearance(app)
  return app.dnd == "off" and "alert" or "skip"
end

return policy
