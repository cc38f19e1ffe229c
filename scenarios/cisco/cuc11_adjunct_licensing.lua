-- CUC-11: adjunct licensing. At most two secondary soft phones per primary
-- phone; a primary with secondaries cannot be deleted; a soft phone cannot be
-- the primary of a desk phone; secondaries are soft-phone types only.
-- (A third secondary, a soft-phone primary and a desk-phone secondary are
-- configuration errors: the last scenario here expects the first at load
-- time; tests/bad_input/cuc11_*.lua has all three as bad input.)

local function first(list) return list[1] or {} end

local function office(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-11" }
  def.users = { alice = { mode = "softphone" } }
  def.lines = { ["1000"] = {} }
  def.devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    cupc = { kind = "softphone", owner = "alice", primary = "desk", lines = { "1000" } },
    mobile = { kind = "mobile", owner = "alice", primary = "desk", device_name = "BOTALICE", lines = { "1000" } },
  }
  return def
end

scenario "a desk phone with two secondary soft phones, the most allowed" (office {
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:device("desk").secondaries).is({ "cupc", "mobile" })
    expect(sim:device("cupc").primary).is("desk")
    expect(sim:licences().used, "one unit per secondary soft phone").is(2)
    local c = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:run_until("3s")
    expect(c.alerted, "devices in name order").is({ "cupc", "desk", "mobile" })
  end,
})

scenario "the primary cannot be deleted while it has secondaries" (office {
  steps = function(sim)
    sim:at("1s", "desk", "delete")
    sim:run_until("2s")
    expect(sim:device("desk").deleted).is_false()
    expect(sim:device("desk").registered).is_true()
    expect(first(sim:trace { kind = "provisioning", subject = "desk" }).details)
      .is("delete refused: it is the primary phone of cupc, mobile (remove the secondary soft phones first)")
  end,
})

scenario "once its secondaries are deleted the primary can be deleted" (office {
  steps = function(sim)
    sim:at("1s", "cupc", "delete")
    sim:at("2s", "desk", "delete")           -- still has the mobile client
    sim:at("3s", "mobile", "delete")
    sim:at("4s", "desk", "delete")
    local c = sim:call_at("5s", { from = "+14085550100", to = "1000" })
    sim:run_until("6s")
    expect(sim:device("desk").deleted).is_true()
    expect(sim:device("desk").lines).is_empty()
    local reports = sim:trace { kind = "provisioning", subject = "desk" }
    expect(reports[1].details).is("delete refused: it is the primary phone of mobile (remove the secondary soft phones first)")
    expect(reports[2].details).is("deleted")
    expect(reports[2].time).is(time("4s"))
    expect(c.alerted).is_empty()
  end,
})

scenario "a third secondary soft phone is refused when the configuration loads" {
  policy = "cisco_cucm",
  covers = { "CUC-11" },
  expect_load_error = "desk already has 2 secondary soft phones, the most a primary phone may have",
  users = { "alice" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", owner = "alice", lines = { "1000" } },
    soft1 = { kind = "softphone", primary = "desk", device_name = "UPCALICE1", lines = { "1000" } },
    soft2 = { kind = "softphone", primary = "desk", device_name = "UPCALICE2", lines = { "1000" } },
    soft3 = { kind = "softphone", primary = "desk", device_name = "UPCALICE3", lines = { "1000" } },
  },
}
