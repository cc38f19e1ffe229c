-- expect-error: client_wrong_server_kind.lua:5: users.alice.client.cti: server 'ldap1' is of kind ldap, not cti
-- also-from-check
scenario "a client's CTI gateway is an LDAP server" {
  policy = "cisco_cucm",
  users = { alice = { client = { cti = { "ldap1" } } } },
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", owner = "alice", lines = { "1000" } } },
  servers = { ldap1 = "ldap" },
  steps = function(sim) expect(1).is(1) end,
}
