-- Unified Personal Communicator before Release 7.0: the same rules as
-- cisco_cucm, except that dialing removes the "+" too (seed 003: "Releases
-- ... earlier than Release 7.0 do remove the plus character").
local policy = extend "cisco_cucm"
policy.name = "cupc_before_7"
policy.dialing = { normalize = true, keep_plus = false }
return policy
