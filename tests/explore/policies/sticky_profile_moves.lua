-- A deliberately broken policy for testing `pbxsim explore`: pascom, except
-- that every trigger is allowed, so a timed trigger or a Teams meeting moves
-- a user off a sticky profile (PAS-6). The explorer must catch it
-- (INV-STICKY) and shrink a case to a few lines.
local policy = extend "pascom"

policy.name = "sticky_profile_moves"

local pascom_profile_change = policy.profile_change

function policy.profile_change(change)
  if change.change == "trigger" then return "allow" end   -- the bug: current_sticky is not read
  return pascom_profile_change(change)
end

return policy
