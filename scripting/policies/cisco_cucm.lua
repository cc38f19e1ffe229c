-- cisco_cucm.lua: Cisco Unified Communications Manager with Unified
-- Personal Communicator (seed 003, catalogue CUC-2 … CUC-7).
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
  if app.dnd == "reject" then return "skip", "dnd-reject" end
  if app.dnd == "ringer-off" then return "silent" end
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
  for _, device in ipairs(change.user_devices) do
    if device ~= change.device then
      changes[#changes + 1] = { device = device, mode = change.mode }
    end
  end
  return changes
end

return policy
