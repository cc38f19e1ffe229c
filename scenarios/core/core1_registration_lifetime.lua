-- CORE-1: a device registers a line for a lifetime. Without a refresh the
-- registration expires at the lifetime's end, and an unregistered appearance
-- is never alerted.

-- The first item of a list, or an empty table if the list is empty.
local function first(list) return list[1] or {} end

scenario "a registration expires at the end of its lifetime and is then not alerted" {
  covers = { "CORE-1" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" }, register = "60s" },
    soft = { kind = "softphone", lines = { "1000" } },  -- registered with no expiry
  },
  steps = function(sim)
    local before = sim:call_at("30s", { from = "+14085550100", to = "1000" })
    local after = sim:call_at("61s", { from = "+14085550100", to = "1000" })
    sim:at("59s", function() expect(sim:device("desk").registered, "desk at 59s").is_true() end)
    sim:run()

    expect(before.alerted, "alerted at 30s").is({ "desk", "soft" })
    expect(after.alerted, "alerted at 61s").is({ "soft" })
    expect(after.skipped.desk).is("unregistered")
    expect(sim:device("desk").recent, "desk recent calls").has_size(1)
    expect(sim:device("desk").registered).is_false()
    local expired = sim:trace { kind = "registration-expired", subject = "desk" }
    expect(#expired).is(1)
    expect(first(expired).time, "expiry time").is(time("60s"))
    expect(sim:line("1000").registered_devices).is({ "soft" })
  end,
}

scenario "a line whose only registration expired is unreachable" {
  covers = { "CORE-1" },
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" }, register = "60s" } },
  steps = function(sim)
    local c = sim:call_at("90s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.alerted).is_empty()
    expect(c.skipped.desk).is("unregistered")
    expect(c.outcome).is("unreachable")
    expect(#sim:trace { kind = "alerted" }).is(0)
  end,
}

scenario "a refresh before expiry keeps the registration for a new lifetime" {
  covers = { "CORE-1" },
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" }, register = "60s" } },
  steps = function(sim)
    sim:at("50s", "desk", "register", "60s")             -- refreshed: now expires at 110s
    local kept = sim:call_at("100s", { from = "+14085550100", to = "1000" })
    local gone = sim:call_at("111s", { from = "+14085550100", to = "1000" })
    sim:at("100s", "desk", "answer")
    sim:run()

    expect(kept.alerted, "alerted at 100s").is({ "desk" })
    expect(kept.outcome).is("answered")
    expect(gone.alerted, "alerted at 111s").is_empty()
    expect(gone.skipped.desk).is("unregistered")
    expect(#sim:trace { kind = "registration-refreshed", subject = "desk" }).is(1)
    local expired = sim:trace { kind = "registration-expired", subject = "desk" }
    expect(#expired, "expired once").is(1)
    expect(first(expired).time, "expiry moved to 50s + 60s").is(time("110s"))
  end,
}

scenario "a device that has not registered yet is not alerted until it registers" {
  covers = { "CORE-1" },
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", lines = { "1000" }, register = { at_start = false } } },
  steps = function(sim)
    local early = sim:call_at("5s", { from = "+14085550100", to = "1000" })
    sim:at("10s", "desk", "register", "60s")
    local late = sim:call_at("20s", { from = "+14085550100", to = "1000" })
    local expired = sim:call_at("71s", { from = "+14085550100", to = "1000" })
    sim:run()

    expect(early.alerted, "before registering").is_empty()
    expect(early.skipped.desk).is("unregistered")
    expect(late.alerted, "after registering").is({ "desk" })
    expect(expired.alerted, "after the 60s lifetime").is_empty()
  end,
}

scenario "an explicit unregister stops alerting at once" {
  covers = { "CORE-1" },
  lines = { ["1000"] = {} },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" } },
    soft = { kind = "softphone", lines = { "1000" } },
  },
  steps = function(sim)
    sim:at("10s", "soft", "unregister")
    local c = sim:call_at("20s", { from = "+14085550100", to = "1000" })
    sim:run()
    expect(c.alerted).is({ "desk" })
    expect(c.skipped.soft).is("unregistered")
    expect(#sim:trace { kind = "unregistered", subject = "soft" }).is(1)
    expect(sim:device("soft").recent).is_empty()
  end,
}

scenario "a registration that expires while its appearance rings stops the ringing there" {
  covers = { "CORE-1" },
  lines = { ["1000"] = { cfna = "voicemail" } },
  devices = {
    desk = { kind = "deskphone", lines = { "1000" }, register = "60s" },
    soft = { kind = "softphone", lines = { "1000" } },
  },
  steps = function(sim)
    local c = sim:call_at("55s", "+14085550100", "1000")
    sim:at("62s", function()
      expect(sim:device("desk").ringing, "desk after its registration expired").is(0)
      expect(sim:device("soft").ringing, "soft, still registered").is(1)
    end)
    sim:at("63s", "desk", "answer")                    -- too late: desk no longer rings
    sim:run_until("2m")
    expect(#sim:trace { kind = "ignored", subject = "desk" }).is(1)
    expect(c.outcome).is("voicemail")
    expect(c.ended_at).is(time("67s"))                 -- the 12 s timer still runs for the caller
  end,
}
