-- expect-error: em_bad_multiple_login.lua:5: extension_mobility.multiple_login: unknown behaviour 'sometimes' (allowed, not-allowed or auto-logout)
-- also-from-check
scenario "a multiple-login behaviour Unified CM does not have" {
  policy = "cisco_cucm",
  extension_mobility = { multiple_login = "sometimes" },
  steps = function(sim) expect(1).is(1) end,
}
