-- Ordered tries whose second try names a number the topology does not have.
local policy = extend "base"

function policy.no_answer(call, line)
  return tries { { to("2000"), ring = "10s" }, to("7000") }
end

return policy
