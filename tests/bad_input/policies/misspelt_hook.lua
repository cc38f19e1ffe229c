-- A policy whose no-answer rule never runs: the hook's name is misspelt.
local policy = extend "base"

function policy.none_alerterd(call, line)
  return "voicemail"
end

return policy
