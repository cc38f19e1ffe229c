-- front_desk.lua: a site's own routing rules, written in Lua alone on top of
-- the neutral base policy. Each rule names where the call goes (to(),
-- voicemail(), reject(): see scripting/policies/README.md).
--
--   1. DND on a shared line rejects only on the device that set it (the other
--      appearances ring; DND is not passed to the owner's other devices).
--      When that leaves nothing ringing, the call goes to the assistant's line.
--   2. Forward-busy goes to the hunt group 700.
--   3. External callers outside office hours (from 18:00, before 08:00) go
--      to the night service, without ringing anyone.
local policy = extend "base"

policy.name = "front_desk"

-- The site's data. Names starting with "_" are the policy's own.
policy._assistant_of = { ["1000"] = "1001" }  -- the boss's line -> the assistant's line
policy._busy_group = "700"
policy._night_service = "+18005550199"
policy._office_opens, policy._office_closes = "08:00", "18:00"

local base_appearance = policy.appearance

local function night_for(call)
  if call.internal then return false end
  local time = call.time  -- "HH:MM" or "HH:MM:SS": text order is time order
  return time >= policy._office_closes or time < policy._office_opens
end

function policy.appearance(call, app)
  if night_for(call) then return "skip", "night-service" end   -- rule 3: nobody rings
  return base_appearance(call, app)                             -- rule 1: DND rejects per device
end

function policy.none_alerted(call, line)
  if night_for(call) then
    return to(policy._night_service)                            -- rule 3
  end
  if line.busy > 0 and line.busy + line.unregistered == line.appearances then
    return to(policy._busy_group)                               -- rule 2
  end
  local assistant = policy._assistant_of[line.number]
  if assistant and line.dnd_reject > 0 then
    return to(assistant)                                        -- rule 1
  end
  return line.has_cfna and "cfna" or "rejected"
end

return policy
