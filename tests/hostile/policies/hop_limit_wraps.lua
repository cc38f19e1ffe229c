local policy = extend "base"
policy.hop_limit = (1 << 32) + 1
policy.appearance_defaults = { max_calls = (1 << 32) + 2 }
return policy
