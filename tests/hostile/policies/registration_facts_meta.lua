-- registrations_full tries to empty a field of its facts and give them a
-- metatable that raises on writes. The facts were a table reused for the next
-- call (whose raw writes once aborted the process); now they are a read-only
-- view: the write is an error at this file's line.
local policy = extend "base"
function policy.registrations_full(reg)
  reg.line = nil
  setmetatable(reg, { __newindex = function() error("boom") end })
  return "refuse"
end
return policy
