-- A policy whose line defaults misspell a forward kind.
local policy = extend "base"
policy.line_defaults = {
  cfnb = "voicemail",
}
return policy
