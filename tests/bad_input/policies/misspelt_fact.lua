local policy = extend "cisco_cucm"

function policy.dnd_changed(change)
  return { { device = change.devcie, mode = change.mode } }
end

return policy
