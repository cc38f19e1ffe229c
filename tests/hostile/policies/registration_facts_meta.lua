-- registrations_full empties a field of its facts table and gives it a
-- metatable that raises on writes: the table is reused for the next call, whose
-- facts are written raw (the write aborted the process).
local policy = extend "base"
function policy.registrations_full(reg)
  reg.line = nil
  setmetatable(reg, { __newindex = function() error("boom") end })
  return "refuse"
end
return policy
