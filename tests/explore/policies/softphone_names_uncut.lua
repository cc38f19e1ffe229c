-- A deliberately broken policy for testing `pbxsim explore`: Unified CM,
-- except that the soft-phone device name a user's client looks for is not cut
-- to twelve characters after "UPC" (CUC-1), so the client of a user with a
-- long name looks for a device that does not exist. The explorer must catch
-- it (INV-SOFTPHONE-NAME) and shrink a case to a few lines.
local policy = extend "cisco_cucm"

policy.name = "softphone_names_uncut"

function policy.softphone_device_name(user)
  local name = user:upper():gsub("[^A-Z0-9]", "")
  return "UPC" .. name   -- the bug: name:sub(1, 12) is missing
end

return policy
