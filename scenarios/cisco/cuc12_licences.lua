-- CUC-12: base functionality needs one CUPC licence and one CUP user feature
-- licence; soft-phone mode adds three device licences, or one under adjunct
-- licensing. The licence report gives authorised, used and remaining units;
-- provisioning beyond the authorised units is refused (a configuration error:
-- tests/bad_input/cuc12_licences_exceeded.lua).

scenario "the licence report: base, soft phone and adjunct soft phone, exactly at the authorised units" {
  policy = "cisco_cucm",
  covers = { "CUC-12" },
  licences = { authorised = 9 },
  users = {
    alice = { cupc = true },   -- CUP + CUPC: 2
    bob = { cupc = true },     -- 2
    carol = { cup = true },    -- presence only (IP Phone Messenger): 1
  },
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = {
    alice_desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    alice_soft = { kind = "softphone", owner = "alice", primary = "alice_desk", lines = { "1000" } },  -- 1
    bob_soft = { kind = "softphone", owner = "bob", lines = { "2000" } },                              -- 3
  },
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:licences()).is({ declared = true, authorised = 9, used = 9, remaining = 0 })
  end,
}

scenario "deleting a soft phone gives its units back" {
  policy = "cisco_cucm",
  covers = { "CUC-12" },
  licences = { authorised = 10 },
  users = { bob = { cupc = true } },
  lines = { ["2000"] = {} },
  devices = { bob_soft = { kind = "softphone", owner = "bob", lines = { "2000" } } },
  steps = function(sim)
    sim:at("1s", "bob_soft", "delete")
    sim:run_until("2s")
    expect(sim:licences()).is({ declared = true, authorised = 10, used = 2, remaining = 8 })
  end,
}

scenario "without a licences section units are counted but nothing is authorised or refused" {
  policy = "cisco_cucm",
  covers = { "CUC-12" },
  users = { bob = { cupc = true } },
  lines = { ["2000"] = {} },
  devices = { bob_soft = { kind = "softphone", owner = "bob", lines = { "2000" } } },
  steps = function(sim)
    expect(sim:licences()).is({ declared = false, used = 5 })
  end,
}
