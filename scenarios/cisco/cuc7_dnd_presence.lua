-- CUC-7: DND set on any of a user's devices shows on the user's other devices
-- through presence. Clearing DND clears it on every endpoint associated with
-- the user, even an endpoint shared with other users.

-- The first (last) item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end
local function last(list) return list[#list] or {} end

scenario "DND set on the desk phone shows on the soft phone" {
  policy = "cisco_cucm",
  covers = { "CUC-7" },
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    sim:run_until("2s")
    expect(sim:device("desk").dnd).is("reject")
    expect(sim:device("soft").dnd, "propagated").is("reject")
    expect(sim:user("alice").dnd).is_true()
    local changes = sim:trace { kind = "dnd", subject = "soft" }
    expect(#changes).is(1)
    expect(first(changes).details).contains("propagated from desk")
  end,
}

scenario "DND set on the soft phone shows on the desk phone, in the same mode" {
  policy = "cisco_cucm",
  covers = { "CUC-7" },
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  },
  steps = function(sim)
    sim:at("1s", "soft", "dnd", "ringer-off")
    sim:run_until("2s")
    expect(sim:device("desk").dnd).is("ringer-off")
    expect(sim:user("alice").dnd).is_true()
  end,
}

scenario "clearing DND clears every device of the user, also one shared with another user" {
  policy = "cisco_cucm",
  covers = { "CUC-7" },
  users = { "alice", "bob" },
  lines = { ["1000"] = {}, ["2000"] = {}, ["3000"] = {} },
  devices = {
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
    -- the desk phone is alice's and is shared with bob
    desk = { kind = "deskphone", owner = "alice", users = { "bob" }, lines = { "1000", "2000" } },
    bob_phone = { kind = "deskphone", owner = "bob", lines = { "2000", "3000" } },
  },
  steps = function(sim)
    sim:at("1s", "bob_phone", "dnd", "reject")         -- bob: bob_phone and the shared desk phone
    sim:at("2s", function()
      expect(sim:device("desk").dnd, "shared desk after bob's DND").is("reject")
      expect(sim:device("soft").dnd, "alice's soft phone is not bob's").is("off")
    end)
    sim:at("3s", "soft", "dnd", "reject")              -- alice: soft and desk
    sim:at("5s", "soft", "dnd", "off")                 -- alice clears DND
    sim:run_until("6s")

    expect(sim:device("soft").dnd).is("off")
    expect(sim:device("desk").dnd, "shared with bob, still cleared").is("off")
    expect(sim:user("alice").dnd).is_false()
    expect(sim:device("bob_phone").dnd, "not associated with alice").is("reject")
    expect(sim:user("bob").dnd, "bob's own phone keeps DND").is_true()
  end,
}

scenario "a user clearing DND on the shared device clears it for the user's devices only" {
  policy = "cisco_cucm",
  covers = { "CUC-7" },
  users = { "alice", "bob" },
  lines = { ["1000"] = {}, ["2000"] = {} },
  devices = {
    shared = { kind = "deskphone", owner = "bob", users = { "alice" }, lines = { "1000", "2000" } },
    alice_soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
    bob_soft = { kind = "softphone", owner = "bob", lines = { "2000" } },
  },
  steps = function(sim)
    sim:at("1s", "alice_soft", "dnd", "reject")        -- alice_soft and shared
    sim:at("1s", "bob_soft", "dnd", "reject")          -- bob_soft and shared
    sim:at("5s", "shared", "dnd", "off", { by = "alice" })
    sim:run_until("6s")
    expect(sim:device("shared").dnd).is("off")
    expect(sim:device("alice_soft").dnd, "alice's other device").is("off")
    expect(sim:device("bob_soft").dnd, "bob's device, not alice's").is("reject")
    local cleared = sim:trace { kind = "dnd", subject = "alice_soft" }
    expect(last(cleared).details).contains("propagated from shared")
  end,
}

scenario "propagated DND rejects calls on the other device too" {
  policy = "cisco_cucm",
  covers = { "CUC-7" },
  users = { "alice" },
  lines = { ["1000"] = {}, ["1001"] = { cfna = "none" } },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1001" } },
  },
  steps = function(sim)
    sim:at("1s", "desk", "dnd", "reject")
    local c = sim:call_at("2s", { from = "+14085550100", to = "1001" })
    sim:run()
    expect(c.skipped.soft).is("dnd-reject")
    expect(c.outcome).is("busy")
  end,
}

scenario "DND on a device without an owner stays on that device" {
  policy = "cisco_cucm",
  covers = { "CUC-7" },
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    lobby = { kind = "deskphone", lines = { "1000" } },
    soft = { kind = "softphone", owner = "alice", lines = { "1000" } },
  },
  steps = function(sim)
    sim:at("1s", "lobby", "dnd", "reject")
    sim:run_until("2s")
    expect(sim:device("lobby").dnd).is("reject")
    expect(sim:device("soft").dnd).is("off")
    expect(sim:user("alice").dnd).is_false()
  end,
}
