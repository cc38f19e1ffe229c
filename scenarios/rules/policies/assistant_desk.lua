-- Ring only these appearances: the boss's unanswered calls go to the
-- assistant's line, but ring only her desk phone, not the soft phone that
-- shares the line (she uses it for her own calls). A call dialed to her
-- line directly rings both, as always.
local policy = extend "base"
policy.name = "assistant_desk"
policy._boss, policy._assistant, policy._assistant_desk = "1000", "1001", "assistant_desk"

local base_no_answer, base_none_alerted = policy.no_answer, policy.none_alerted

local function to_assistant_desk()
  return to(policy._assistant, { only = { policy._assistant_desk } })
end

function policy.no_answer(call, line)
  if line.number == policy._boss then return to_assistant_desk() end
  return base_no_answer(call, line)
end

function policy.none_alerted(call, line)
  if line.number == policy._boss then return to_assistant_desk() end   -- the boss in DND: the same
  return base_none_alerted(call, line)
end

return policy
