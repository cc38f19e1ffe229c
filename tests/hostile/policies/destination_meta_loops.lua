-- none_alerted answers a table whose metatable loops on every read: the
-- destination is read raw, so the loop never runs (it aborted the process).
local policy = extend "base"
function policy.none_alerted(call, line)
  return setmetatable({}, { __index = function() while true do end end })
end
return policy
