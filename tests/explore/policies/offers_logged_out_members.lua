-- A deliberately broken policy for testing `pbxsim explore`: its group hook
-- forgets that a member logged out of the group (or paused) takes no group
-- calls, so a hunt or ring-all group rings them anyway. The explorer must
-- catch it (INV-GROUP-MEMBER) and shrink a case to a few lines.
local policy = extend "base"

policy.name = "offers_logged_out_members"

function policy.group_member(call, member)
  return "offer"   -- the bug: member.logged_in and member.paused are not read
end

return policy
