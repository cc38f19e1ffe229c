local policy = extend "base"
local device = string.rep("d", 8 << 20)
function policy.dnd_changed(change)
  local changes = {}
  for i = 1, 200 do changes[i] = { device = device, mode = "reject" } end
  return changes
end
return policy
