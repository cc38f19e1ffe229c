-- A policy that sends unanswered calls to the voicemail of a line that does not exist.
local policy = extend "base"

function policy.no_answer(call, line)
  return voicemail("9999")
end

return policy
