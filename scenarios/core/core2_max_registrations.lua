-- CORE-2: a line may limit its simultaneous registrations. By default a
-- registration beyond the limit is refused with a reason; a policy may
-- replace the oldest registration instead.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

scenario "max registrations 1: the second registration is refused" {
  covers = { "CORE-2" },
  lines = { ["1000"] = { max_registrations = 1 } },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    soft = { kind = "softphone", lines = { "1000" }, register = { at_start = false } },
  },
  steps = function(sim)
    sim:at("10s", "soft", "register", "1h")
    local c = sim:call_at("20s", { from = "+14085550100", to = "1000" })
    sim:run()

    local refused = sim:trace { kind = "registration-refused", subject = "soft" }
    expect(#refused, "refusals").is(1)
    expect(first(refused).details, "reason").contains("1 of 1 registrations in use")
    expect(#sim:trace { kind = "registered", subject = "soft" }).is(0)
    expect(sim:device("soft").registered).is_false()
    expect(sim:line("1000").registrations).is(1)
    expect(sim:line("1000").registered_devices).is({ "desk" })
    expect(c.alerted, "only the first registration rings").is({ "desk" })
    expect(c.skipped.soft).is("unregistered")
  end,
}

scenario "max registrations 2: two register, the third is refused" {
  covers = { "CORE-2" },
  lines = { ["1000"] = { max_registrations = 2 } },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    soft = { kind = "softphone", lines = { "1000" } },
    mobile = { kind = "mobile", lines = { "1000" }, register = { at_start = false } },
  },
  steps = function(sim)
    sim:at("5s", "mobile", "register")
    sim:run_until("1m")
    expect(sim:line("1000").registrations).is(2)
    expect(#sim:trace { kind = "registration-refused", subject = "mobile" }).is(1)
    expect(#sim:trace { kind = "registration-refused" }, "no other refusal").is(1)
  end,
}

scenario "a refresh of a registration already counted is not refused" {
  covers = { "CORE-2" },
  lines = { ["1000"] = { max_registrations = 1 } },
  devices = { desk = { kind = "deskphone", lines = { "1000" }, register = "60s" } },
  steps = function(sim)
    sim:at("50s", "desk", "register", "60s")
    sim:run_until("100s")
    expect(#sim:trace { kind = "registration-refused" }).is(0)
    expect(#sim:trace { kind = "registration-refreshed", subject = "desk" }).is(1)
    expect(sim:device("desk").registered, "still registered at 100s").is_true()
  end,
}

scenario "a freed registration slot can be taken by another device" {
  covers = { "CORE-2" },
  lines = { ["1000"] = { max_registrations = 1 } },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    soft = { kind = "softphone", lines = { "1000" }, register = { at_start = false } },
  },
  steps = function(sim)
    sim:at("10s", "soft", "register")     -- refused: desk holds the only slot
    sim:at("20s", "desk", "unregister")
    sim:at("30s", "soft", "register")     -- accepted
    local c = sim:call_at("40s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(#sim:trace { kind = "registration-refused", subject = "soft" }).is(1)
    expect(#sim:trace { kind = "registered", subject = "soft" }).is(1)
    expect(sim:line("1000").registered_devices).is({ "soft" })
    expect(c.alerted).is({ "soft" })
  end,
}

scenario "a policy that replaces the oldest registration instead of refusing" {
  policy = "policies/replace_oldest.lua",
  covers = { "CORE-2" },
  lines = { ["1000"] = { max_registrations = 1 } },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    soft = { kind = "softphone", lines = { "1000" }, register = { at_start = false } },
  },
  steps = function(sim)
    sim:at("10s", "soft", "register")
    local c = sim:call_at("20s", { from = "+14085550100", to = "1000" })
    sim:run()

    expect(#sim:trace { kind = "registration-refused" }).is(0)
    local replaced = sim:trace { kind = "registration-replaced", subject = "desk" }
    expect(#replaced, "desk replaced").is(1)
    expect(first(replaced).details).contains("replaced by soft")
    expect(first(replaced).time).is(time("10s"))
    expect(sim:line("1000").registered_devices).is({ "soft" })
    expect(sim:device("desk").registered).is_false()
    expect(c.alerted, "the newest registration rings").is({ "soft" })
    expect(c.skipped.desk).is("unregistered")
  end,
}

scenario "replace-oldest picks the registration made first, not the first device" {
  policy = "policies/replace_oldest.lua",
  covers = { "CORE-2" },
  lines = { ["1000"] = { max_registrations = 2 } },
  devices = {
    a_desk = { kind = "deskphone", lines = { "1000" }, register = { at_start = false } },
    b_soft = { kind = "softphone", lines = { "1000" } },          -- registers at 0s: the oldest
    c_mobile = { kind = "mobile", lines = { "1000" }, register = { at_start = false } },
  },
  steps = function(sim)
    sim:at("5s", "a_desk", "register")
    sim:at("10s", "c_mobile", "register")
    sim:run_until("1m")
    expect(#sim:trace { kind = "registration-replaced", subject = "b_soft" }).is(1)
    expect(#sim:trace { kind = "registration-replaced" }).is(1)
    expect(sim:line("1000").registered_devices).is({ "a_desk", "c_mobile" })
  end,
}
