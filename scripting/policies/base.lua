-- base.lua: the vendor-neutral policy. Vendor policies start from it with
-- `local policy = extend "base"` and replace the hooks where they differ.
-- Hooks and their arguments are documented in README.md beside this file.
local policy = {}

policy.name = "base"

-- A forward chain longer than this ends with outcome "forward-limit" (CORE-3).
policy.hop_limit = 8

-- Values a line or an appearance gets when the scenario does not set them.
policy.line_defaults = { no_answer = "12s" }
policy.appearance_defaults = { max_calls = 4, busy_trigger = 2 }

-- Should this appearance of the called line ring?
-- Returns "alert", "silent" (presented without an audible ring), or "skip"
-- with a reason that appears in the trace and in call.skipped.
function policy.appearance(call, app)
  if not app.active then return "skip", "inactive" end               -- switched off by a profile
  if not app.registered then return "skip", "unregistered" end       -- CORE-1
  if app.dnd == "reject" then return "skip", "dnd-reject" end
  if app.active_calls >= app.busy_trigger then return "skip", "busy" end
  if app.dnd == "ringer-off" then return "silent" end
  return "alert"
end

-- No appearance rang. Returns "cfna", "cfb", "busy", "rejected",
-- "no-answer", "voicemail" or "unreachable".
function policy.none_alerted(call, line)
  if line.busy > 0 and line.busy + line.unregistered == line.appearances then
    return line.has_cfb and "cfb" or "busy"
  end
  if line.unregistered == line.appearances then
    return line.has_cfna and "cfna" or "unreachable"
  end
  return line.has_cfna and "cfna" or "rejected"
end

-- The no-answer timer ran out while the line was ringing.
function policy.no_answer(call, line)
  return line.has_cfna and "cfna" or "no-answer"
end

-- A registration would exceed the line's max_registrations (CORE-2).
-- Returns "refuse" (the newest is refused) or "replace-oldest".
function policy.registrations_full(reg)
  return "refuse"
end

-- DND changed on a device: return further changes as a list of
-- { device = name, mode = "off" | "ringer-off" | "reject" }.
function policy.dnd_changed(change)
  return {}
end

-- Group calls (CORE-6): which members are offered the call. Returns
-- "offer", or "skip" with a reason for the trace. Distribution is the
-- group's strategy, by default policy.groups.strategy.
policy.groups = { strategy = "ring-all", member_ring = "10s", no_answer = "30s" }

function policy.group_member(call, member)
  if not member.logged_in then return "skip", "logged-out" end
  if member.paused then return "skip", "paused" end
  return "offer"
end

-- A profile change about to happen (select, trigger, add, edit, delete).
-- Returns "allow", or "refuse" with the reason the trace shows.
function policy.profile_change(change)
  -- PAS-6: a sticky profile is not overridden by triggers; ending the Teams
  -- meeting that selected it returns to the profile before (PAS-5).
  if change.change == "trigger" and change.current_sticky and change.trigger ~= "teams-end" then
    return "refuse", "the sticky profile '" .. change.current .. "' is not overridden by triggers"
  end
  if change.change == "delete" and change.system then
    return "refuse", "a system profile cannot be deleted"
  end
  return "allow"
end

-- Extension mobility / hot desking: the site's defaults (a scenario changes
-- them in its own extension_mobility table). Headset sign-in is off here.
policy.extension_mobility = {
  multiple_login = "not-allowed",          -- or "allowed", "auto-logout"
  enforce_max_login_time = false,
  max_login_time = "8h",
  inter_cluster_max_login_time = "10h",    -- always enforced
  remember_last_user = false,
  clear_call_logs = false,                 -- at login
  headset_sign_in = false,
  headset_sign_in_timer = "30s",
  headset_auto_logout = "5m",
  headset_pin_required = true,
}

-- Dialed strings are routed as dialed; no letters, no stripping.
policy.dialing = { normalize = false, keep_plus = true }

-- No vendor limits on provisioning; every licensed item counts one unit.
policy.provisioning = {
  max_secondaries = 0,        -- 0: no limit
  licence_units = { cup = 1, cupc = 1, softphone = 1, secondary_softphone = 1 },
  photo_url_max_length = 0,   -- 0: no limit
  max_contacts_limit = 0,     -- 0: no limit
}

-- How the client's state machines time their attempts.
policy.client_timing = {
  cti_reconnect = { "4s", "8s", "16s", "32s", "60s" },  -- the last repeats
  tftp_timeout = "5s",
  ldap_timeout = "5s",
  ldap_search = "500ms",
  ldap_primary_retry = "5m",
  presence_retry = "30s",
  rehome_unavailable = "5s",
}

-- The device name a user's soft-phone client looks for, or nil for none.
function policy.softphone_device_name(user)
  return nil
end

-- The name a contact list shows. `contact`: in_directory, and when known
-- edited_name, display_name, nickname, first_name, last_name, user_id.
function policy.contact_name(contact)
  if contact.edited_name then return contact.edited_name end
  if contact.display_name then return contact.display_name end
  if contact.first_name and contact.last_name then
    return contact.first_name .. " " .. contact.last_name
  end
  return contact.first_name or contact.last_name or contact.user_id or ""
end

return policy
