-- none_alerted answers a table whose metatable raises on every read, a
-- tries list among them: read raw, it is no destination.
local policy = extend "base"
function policy.none_alerted(call, line)
  return { destination = "tries", list = setmetatable({}, { __index = function() error("boom") end }) }
end
return policy
