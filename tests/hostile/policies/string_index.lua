local policy = extend "base"
function policy.dnd_changed(change)
  getmetatable("").__index = function() error("boom") end
  return { "desk2" }
end
return policy
