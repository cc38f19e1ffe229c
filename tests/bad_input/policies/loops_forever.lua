local policy = extend "base"

function policy.appearance(call, app)
  local n = 0
  while true do
    pcall(function() n = n + 1 end)
  end
end

return policy
