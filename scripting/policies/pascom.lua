-- pascom.lua: pascom server-side client profiles (seed 001, PAS-1 … PAS-9).
local policy = extend "base"

policy.name = "pascom"

-- Teams ring every available agent at once.
policy.groups = { strategy = "ring-all", member_ring = "10s", no_answer = "30s" }

policy.profiles = {
  -- PAS-1: two system profiles from the start: "Available" activates all of
  -- the user's endpoints, "DND" deactivates all of them; neither can be deleted.
  defaults = {
    { name = "Available", system = true, color = "green", icon = "available", enter = { { "followme", "all" } } },
    { name = "DND", system = true, color = "red", icon = "dnd", enter = { { "followme", "none" } } },
  },
  initial = "Available",
  fallback = "Available",     -- when an admin deletes the profile a user has selected (assumed)
  -- PAS-5: "The synchronization usually takes between 05 and 10 seconds".
  teams_delay = { "5s", "10s" },
  -- PAS-8 (assumed): the old profile's leave chain runs before the new one's enter chain.
  leave_before_enter = true,
}

local base_appearance = policy.appearance

-- GSM mode: the mobile is reached over the mobile network, whether or not
-- the pascom app on it is registered (assumed meaning of "GSM mode").
function policy.appearance(call, app)
  if not app.active then return "skip", "inactive" end
  if app.gsm then return "alert" end
  return base_appearance(call, app)
end

local function has(list, item)
  for _, value in ipairs(list) do if value == item then return true end end
  return false
end

function policy.profile_change(change)
  local personal = has(change.roles, "profile.personal")
  -- PAS-2: client profiles need the role profile.personal, and a profile is
  -- offered only to the roles it names (default "All").
  if change.change == "select" or change.change == "trigger" then
    if not personal then return "refuse", "the user does not have the role profile.personal" end
    if not change.offered then return "refuse", "the profile is not offered to the user's roles" end
  end
  -- PAS-6: a sticky profile is not overridden by triggers. Ending the Teams
  -- meeting that selected it returns to the profile before (PAS-5).
  if change.change == "trigger" and change.current_sticky and change.trigger ~= "teams-end" then
    return "refuse", "the sticky profile '" .. change.current .. "' is not overridden by triggers"
  end
  if change.change == "add" and change.by == "user" and not personal then
    return "refuse", "creating personal profiles needs the role profile.personal"
  end
  if (change.change == "edit" or change.change == "delete") and change.by == "user" and not change.personal then
    return "refuse", "only an administrator changes a server-side profile"
  end
  -- PAS-1, PAS-9: an admin profile can be deleted, a system profile cannot.
  if change.change == "delete" and change.system then
    return "refuse", "a system profile cannot be deleted"
  end
  return "allow"
end

return policy
