local policy = extend "base"
function policy.dnd_changed(change) return { 5 } end
return policy
