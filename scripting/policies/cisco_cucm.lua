-- cisco_cucm.lua: Cisco Unified Communications Manager with Unified
-- Personal Communicator (seed 003, catalogue CUC-1 … CUC-19) and Extension
-- Mobility (seed 004, EM-1 … EM-10).
local policy = extend "base"

policy.name = "cisco_cucm"

-- "The default setting for CFNA is voicemail in Cisco Unified Communications
-- Manager." A line opts out with cfna = "none". 12 s is CUCM's Forward No
-- Answer timer; Max Calls 4 / Busy Trigger 2 are its line defaults.
policy.line_defaults = { cfna = "voicemail", no_answer = "12s" }
policy.appearance_defaults = { max_calls = 4, busy_trigger = 2 }

-- CUC-3: an appearance with busy-trigger calls on it gets no more; CUC-4/5:
-- DND call-reject appearances are not presented at all (no notification, no
-- recent-calls entry); CUC-6: DND ringer-off presents the call silently.
function policy.appearance(call, app)
  if not app.registered then return "skip", "unregistered" end
  if app.active_calls >= app.busy_trigger then return "skip", "busy" end
  local dnd = app.dnd  -- each read of a fact asks the engine: read it once
  if dnd == "reject" then return "skip", "dnd-reject" end
  if dnd == "ringer-off" then return "silent" end
  return "alert"
end

function policy.none_alerted(call, line)
  -- CUC-3: every appearance at its busy trigger: busy, so Call Forward Busy.
  if line.busy > 0 and line.busy + line.unregistered == line.appearances then
    return line.has_cfb and "cfb" or "busy"
  end
  -- CUC-4/CUC-5: every appearance rejects in DND. Soft-phone mode diverts to
  -- the CFNA target, desk-phone mode to the CFB target; with no target the
  -- caller hears busy.
  if line.dnd_reject > 0 and line.dnd_reject + line.unregistered + line.busy == line.appearances then
    if line.user_mode == "deskphone" then
      return line.has_cfb and "cfb" or "busy"
    end
    return line.has_cfna and "cfna" or "busy"
  end
  if line.unregistered == line.appearances then
    return line.has_cfna and "cfna" or "unreachable"
  end
  return line.has_cfna and "cfna" or "busy"
end

-- CUC-6: unanswered, the call goes to CFNA; with no CFNA target a call that
-- was presented with the ringer off is rejected with busy.
function policy.no_answer(call, line)
  if line.has_cfna then return "cfna" end
  if line.alerted_silently > 0 then return "busy" end
  return "no-answer"
end

-- CUC-7: Unified Presence passes DND from one of the user's devices to the
-- others, and clearing it clears it on every endpoint associated with the
-- user, even one shared with other users.
function policy.dnd_changed(change)
  local changes = {}
  if change.user == "" then return changes end
  local changed, mode = change.device, change.mode  -- each read of a fact asks the engine: read once
  for _, device in ipairs(change.user_devices) do
    if device ~= changed then
      changes[#changes + 1] = { device = device, mode = mode }
    end
  end
  return changes
end

-- EM: the "Cisco Extension Mobility" service parameters at the values the
-- seed's screenshot shows as Unified CM's suggested ones (the ALM manual asks
-- a site to set multiple_login = "auto-logout"; a scenario does that itself).
policy.extension_mobility = {
  multiple_login = "not-allowed",          -- EM-1: "Multiple Logins Not Allowed"
  enforce_max_login_time = false,          -- EM-2: intra-cluster, not enforced
  max_login_time = "8h",                   --       8:00 when enforced
  inter_cluster_max_login_time = "10h",    --       10:00
  remember_last_user = false,              -- EM-6
  clear_call_logs = false,                 -- EM-6: "Clear Call Logs on Intra-Cluster EM"
  headset_sign_in = true,                  -- EM-7: "Allow headset for EM sign in and sign out"
  headset_sign_in_timer = "30s",           --       auto login timer after headset connect
  headset_auto_logout = "5m",              --       auto logout timer after headset disconnect
  headset_pin_required = true,             --       "PIN entry for headset-based sign in: Required"
}

-- CUC-9: the client keeps letters and digits only and turns letters into
-- keypad digits; Release 7.0 keeps the "+" (earlier releases did not: a
-- policy for them sets keep_plus = false).
policy.dialing = { normalize = true, keep_plus = true }

-- CUC-11, CUC-12, CUC-18, CUC-19.
policy.provisioning = {
  max_secondaries = 2,        -- "up to two secondary soft-phone devices to a primary phone"
  licence_units = {
    cup = 1,                  -- "Enable CUP ... consumes one device license"
    cupc = 1,                 -- "Enable CUPC ... consumes one device license"
    softphone = 3,            -- CUPC as a phone type: three device licences
    secondary_softphone = 1,  -- adjunct licensing: one
  },
  photo_url_max_length = 50,  -- "The URL length is limited to 50 characters"
  max_contacts_limit = 200,   -- "Enter a number from 0 to 200 in Max Contact List Size"
}

-- CUC-13 … CUC-16. Only the CTI intervals are documented ("4, 8, 16, 32,
-- and 60 seconds (maximum)"); the other times are assumptions.
policy.client_timing = {
  cti_reconnect = { "4s", "8s", "16s", "32s", "60s" },
  tftp_timeout = "5s",          -- assumed
  ldap_timeout = "5s",          -- assumed
  ldap_search = "500ms",        -- assumed
  ldap_primary_retry = "5m",    -- assumed: "periodically tries to return to the primary"
  presence_retry = "30s",       -- assumed
  rehome_unavailable = "5s",    -- assumed: "temporarily unavailable" while rehoming
}

-- PARK-3 (simulator/catalogue/extra.md): the Call Park Reversion Timer
-- service parameter, 60 seconds by default (Features and Services Guide,
-- "Call Park"). The park numbers are the site's: a scenario's call_park.numbers.
policy.call_park = { reversion = "60s" }

-- CUC-1: "UPC" + the user name upper-cased, keeping only letters and digits,
-- at most 12 characters after "UPC" (jjackson -> UPCJJACKSON,
-- johnnie_jackson -> UPCJOHNNIEJACKS).
function policy.softphone_device_name(user)
  local name = user:upper():gsub("[^A-Z0-9]", "")
  return "UPC" .. name:sub(1, 12)
end

-- CUC-17: the user's own name for the contact; else DisplayName; else
-- Nickname with the last name; else first and last name, or whichever
-- exists; else the user ID. A contact added by hand shows its "Display As"
-- name, else its first and last name.
function policy.contact_name(contact)
  if contact.edited_name then return contact.edited_name end
  if contact.in_directory then
    if contact.display_name then return contact.display_name end
    if contact.nickname then
      return contact.last_name and (contact.nickname .. " " .. contact.last_name) or contact.nickname
    end
  end
  if contact.first_name and contact.last_name then
    return contact.first_name .. " " .. contact.last_name
  end
  return contact.first_name or contact.last_name or contact.user_id or ""
end

return policy
