local policy = extend "base"
local hoard = {}

function policy.appearance(call, app)
  while true do
    hoard[#hoard + 1] = string.rep("y", 4096) .. #hoard
  end
end

return policy
