-- A deliberately broken policy for testing `pbxsim explore`: it forgets DND
-- call-reject and alerts the appearance anyway (ringer-off still rings
-- silently). The explorer must catch it (INV-DND-REJECT) and shrink a case
-- to a few lines.
local policy = extend "base"

policy.name = "alerts_dnd_reject"

function policy.appearance(call, app)
  if not app.active then return "skip", "inactive" end
  if not app.registered then return "skip", "unregistered" end
  if app.active_calls >= app.busy_trigger then return "skip", "busy" end
  if app.dnd == "ringer-off" then return "silent" end
  return "alert"   -- the bug: app.dnd == "reject" rings too
end

return policy
