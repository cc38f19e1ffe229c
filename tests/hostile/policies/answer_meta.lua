local policy = extend "base"
function policy.dnd_changed(change)
  return { setmetatable({}, { __index = function() while true do end end }) }
end
return policy
