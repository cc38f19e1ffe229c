-- A deliberately broken policy for testing `pbxsim explore`: its appearance
-- hook forgets `app.active`, so a device a profile switched off (FollowMe
-- "none", PAS-7) still rings. The explorer must catch it (INV-INACTIVE) and
-- shrink a case to a few lines.
local policy = extend "base"

policy.name = "alerts_inactive_destinations"

function policy.appearance(call, app)
  -- the bug: no `if not app.active then return "skip", "inactive" end`
  if not app.registered then return "skip", "unregistered" end
  if app.dnd == "reject" then return "skip", "dnd-reject" end
  if app.active_calls >= app.busy_trigger then return "skip", "busy" end
  if app.dnd == "ringer-off" then return "silent" end
  return "alert"
end

return policy
