-- dee_presence.lua: presence profiles on a Dynamic Extension Express (DEE)
-- system with a CTI Host Service and Phone Manager (seed 002, PP-1 … PP-9).
local policy = extend "base"

policy.name = "dee_presence"

-- UCD groups distribute calls one agent at a time.
policy.groups = { strategy = "hunt", member_ring = "10s", no_answer = "30s" }

local ALL = { "desk", "softphone", "external", "voicemail" }

policy.profiles = {
  -- PP-2: every user is given these six, in this order; "In the office" is the default.
  defaults = {
    { name = "In the office", destinations = ALL, dnd = false, forward = "none", group_calls = true },
    { name = "Do Not Disturb", destinations = ALL, dnd = true, dnd_prompt = true, forward = "none",
      group_calls = false },
    { name = "Out of the office", destinations = { "external" }, dnd = false, forward = "none", group_calls = false },
    { name = "In a meeting", destinations = { "voicemail" }, dnd = true, forward = "none", group_calls = false },
    { name = "Working from home", destinations = { "voicemail" }, dnd = false, forward = "prompt",
      group_calls = false },
    { name = "On holiday", destinations = { "voicemail" }, dnd = true, forward = "none", group_calls = false },
  },
  initial = "In the office",
  -- PP-5: the CTI host service applies a profile at a selection, an edit of
  -- the selected profile, a Phone Manager connect and a hot-desk login (an
  -- extension-mobility login to the primary extension), and at no other
  -- time; PP-6: a difference is alerted in Phone Manager.
  apply_on = { "phone-manager", "login" },
  mismatch_alerts = true,
  -- PP-8: "Disable DEE & UCD when Hot Desk user is logged out" is honoured.
  hot_desk_option = true,
}

-- A destination the profile switched off is not offered the call; DND (set
-- by a profile or by hand) rejects it.
function policy.appearance(call, app)
  if not app.active then return "skip", "inactive" end
  if not app.registered then return "skip", "unregistered" end
  if app.dnd ~= "off" then return "skip", "dnd-reject" end
  if app.active_calls >= app.busy_trigger then return "skip", "busy" end
  return "alert"
end

-- Nothing rang: the voicemail destination takes it when the profile has it
-- active (assumed: otherwise the caller hears busy).
function policy.none_alerted(call, line)
  if line.busy > 0 and line.busy + line.unregistered == line.appearances then
    return line.has_cfb and "cfb" or "busy"
  end
  if line.voicemail then return "voicemail" end
  if line.unregistered == line.appearances then return "unreachable" end
  return "busy"
end

function policy.no_answer(call, line)
  if line.voicemail then return "voicemail" end
  return line.has_cfna and "cfna" or "no-answer"
end

-- PP-1: presence profiles need a DEE main device as the primary extension
-- and "Enable Presence Profiles" on the user's client profile.
-- PP-3: any profile may be deleted except the selected one.
-- Triggers (a scenario may declare them) follow base: a sticky profile holds.
local base_profile_change = policy.profile_change
function policy.profile_change(change)
  if change.change == "trigger" then return base_profile_change(change) end
  if change.change == "select" then
    if not change.dee_main then
      return "refuse", "the user's primary extension is not a Dynamic Extension Express main device"
    end
    if not change.presence_profiles then
      return "refuse", "Enable Presence Profiles is not set on the user's client profile"
    end
  end
  if change.change == "delete" and change.selected then
    return "refuse", "the selected profile cannot be deleted: select another profile first"
  end
  return "allow"
end

return policy
