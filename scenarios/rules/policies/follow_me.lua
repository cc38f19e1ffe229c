-- Find Me / Follow Me as a policy (FreePBX "Follow Me": the extension rings
-- first for its own time, then the follow-me list rings in order, each for
-- its time; the last destination decides what happens when nobody answers).
-- The list is ordered tries: every try is a forward ("try"), counted against
-- the hop limit, and a try where nothing rings (busy, DND, not registered)
-- moves on at once.
local policy = extend "base"
policy.name = "follow_me"
-- Whose calls follow them, and where: the extension's own ringing comes from
-- the line (no_answer = "10s" in the scenarios), the list from here.
policy._follow_me = { ["1000"] = true }

local base_no_answer, base_none_alerted = policy.no_answer, policy.none_alerted

local function follow(call, line)
  return tries {
    { to("2000"), ring = "10s" },   -- the assistant's desk
    { to("3000"), ring = "10s" },   -- the team's phone
    to("3001"),                     -- the last: rings by its own time, then its own no-answer rule
  }
end

function policy.no_answer(call, line)
  if policy._follow_me[line.number] then return follow(call, line) end
  return base_no_answer(call, line)
end

function policy.none_alerted(call, line)
  if policy._follow_me[line.number] then return follow(call, line) end   -- busy or DND: the list at once
  return base_none_alerted(call, line)
end

return policy
