-- metaswitch.lua: Metaswitch NE persistent profiles with the Personal
-- Communication Manager (PCM) service (seed 000, MS-1 … MS-7). The rules are
-- data: the engine resolves "use default" along line -> profile -> Business
-- Group -> Business Group profile -> system default and validates with them.
local policy = extend "base"

policy.name = "metaswitch"

-- Multi-line hunt groups hunt in order.
policy.groups = { strategy = "hunt", member_ring = "10s", no_answer = "30s" }

policy.pcm = {
  -- MS-3: "PCM does not apply to Teen Service Lines, MADNs, MLHG Pilot DNs, or PBXs."
  not_applicable = { teen = "Teen Service Line", madn = "MADN", mlhg_pilot = "MLHG Pilot DN", pbx = "PBX" },
  -- MS-5: the Media Gateway Model entry that means "match the User-Agent at registration".
  derived_model = "Derived from SIP User Agent",
  -- MS-4: PCM cannot be used by a subscriber permitted to register more than once.
  single_registration = true,
  -- The system defaults a scenario's pcm.system adds to or overrides.
  system = { subscribed = "no", max_registrations = 1 },
}

return policy
