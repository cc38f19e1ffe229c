-- Ordered tries whose first try has no ring time: when would the second start?
local policy = extend "base"

function policy.no_answer(call, line)
  return tries { to("2000"), to("+14085550199") }
end

return policy
