-- A ring-only destination naming a device that does not present the line.
local policy = extend "base"

function policy.none_alerted(call, line)
  return to("2000", { only = { "desk" } })
end

return policy
