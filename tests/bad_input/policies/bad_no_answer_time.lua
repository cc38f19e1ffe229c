-- A policy whose default no-answer time is written without a unit.
local policy = extend "base"
policy.name = "bad_no_answer_time"
policy.line_defaults = {
  cfna = "voicemail",
  no_answer = 15000,
}
return policy
