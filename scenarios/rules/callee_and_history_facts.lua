-- The facts rules read about the callee (selected profile, registrations,
-- calls up and ringing, the user logged in by extension mobility), the
-- call's history (each forward's kind, who was skipped and why) and the
-- office hours a topology declares. policies/fact_probe.lua shows them: a
-- device named "probe" is skipped with its appearance's facts as the reason,
-- and a line without CFNA sends the call to "+facts/..." listing the line's.

local function probe_site(def)
  def.policy = "policies/fact_probe.lua"
  def.users = def.users or { alice = {} }
  def.profiles = def.profiles or { { name = "Available" }, { name = "Away" } }
  return def
end

scenario "the callee's selected profile and the calls up and ringing on the line, as an appearance sees them" (probe_site {
  lines = { ["1000"] = {} },
  devices = {
    desk = { owner = "alice", lines = { "1000" } },
    probe = { owner = "alice", lines = { "1000" } },
  },
  steps = function(sim)
    sim:at("1s", "alice", "profile", "Away")
    local first = sim:call_at("2s", { from = "+14085550100", to = "1000" })
    sim:at("3s", "desk", "answer")
    local second = sim:call_at("5s", { from = "+14085550111", to = "1000" })
    local third = sim:call_at("6s", { from = "+14085550122", to = "1000" })
    sim:run_until("7s")
    expect(first.skipped.probe).is("profile=Away up=0 ringing=0 login=")
    expect(second.skipped.probe, "the first call is up on desk").is("profile=Away up=1 ringing=0 login=")
    expect(third.skipped.probe, "the second rings on desk").is("profile=Away up=1 ringing=1 login=")
  end,
})

scenario "the line's facts at its no-answer timer: registrations, profile, calls, history, no office hours declared" (probe_site {
  users = { alice = { profile = "Available" } },
  lines = { ["3000"] = {} },
  devices = {
    solo = { owner = "alice", lines = { "3000" } },
    spare = { lines = { "3000" } },
  },
  steps = function(sim)
    sim:at("0s", "solo", "unregister")
    local c = sim:call_at("1s", { from = "+14085550100", to = "3000" })
    local later = sim:call_at("5s", { from = "+14085550111", to = "3000" })
    sim:run_until("30s")
    expect(c.alerted).is({ "spare" })
    expect(c.answered_by, "at 13s one registration is left and the later call rings (this one has stopped)")
        .is("external +facts/profile=Available/registrations=1/up=0/ringing=1/login=/reasons=/skipped=solo:unregistered/open=nil")
    expect(later.answered_by, "at 17s nothing rings any more")
        .is("external +facts/profile=Available/registrations=1/up=0/ringing=0/login=/reasons=/skipped=solo:unregistered/open=nil")
  end,
})

scenario "the call's history: each forward's kind and every skip with its reason" (probe_site {
  lines = { ["1000"] = { cfb = "2000" }, ["2000"] = { cfna = "3000" }, ["3000"] = {} },
  devices = {
    desk = { owner = "alice", lines = { { dn = "1000", max_calls = 1, busy_trigger = 1 } } },
    helper = { lines = { "2000" } },
    dnd = { lines = { "3000" } },
  },
  steps = function(sim)
    sim:at("0s", "dnd", "dnd", "reject")
    local busy = sim:call_at("1s", { from = "+14085550100", to = "1000" })
    sim:at("2s", "desk", "answer")
    local c = sim:call_at("3s", { from = "+14085550111", to = "1000" })
    sim:run_until("1m")
    expect(busy.answered_by).is("desk")
    expect(c.path).is({ "1000", "2000", "3000",
      "+facts/profile=/registrations=1/up=0/ringing=0/login=/reasons=cfb,cfna/skipped=desk:busy,dnd:dnd-reject/open=nil" })
  end,
})

scenario "office hours the topology declares: open at 17:59, closed at 18:00, closed on Saturday" (probe_site {
  calendar = {
    start = "Fri 17:59",
    office_hours = { { days = "weekdays", from = "08:00", to = "18:00" }, { days = "sat", from = "09:00", to = "12:00" } },
  },
  lines = { ["3000"] = {} },
  devices = { solo = { lines = { "3000" } } },
  steps = function(sim)
    sim:at("0s", "solo", "unregister")
    local open = sim:call_at("30s", { from = "+14085550100", to = "3000" })
    local closed = sim:call_at("90s", { from = "+14085550100", to = "3000" })
    local saturday_open = sim:call_at("15h30m", { from = "+14085550100", to = "3000" })    -- Sat 09:29
    local saturday_closed = sim:call_at("18h30m", { from = "+14085550100", to = "3000" })  -- Sat 12:29
    sim:run_until("19h")
    expect(open.answered_by).contains("/open=true")
    expect(closed.answered_by).contains("/open=false")
    expect(saturday_open.answered_by).contains("/open=true")
    expect(saturday_closed.answered_by).contains("/open=false")
    expect(sim:calendar().in_office_hours, "Sat 12:59").is(false)
  end,
})

scenario "the user logged in by extension mobility, on the device and on the line it presents" {
  policy = "policies/fact_probe.lua",
  users = { "jdoe" },
  lines = { ["1001"] = {}, ["3001"] = {} },
  extension_mobility = { multiple_login = "allowed" },
  devices = {
    phone1 = { kind = "deskphone", model = "8845", extension_mobility = true, lines = { "1001" } },
    probe = { lines = { "3001" } },
  },
  device_profiles = { ["jdoe-8845"] = { user = "jdoe", model = "8845", lines = { "3001" } } },
  steps = function(sim)
    sim:at("1s", "phone1", "login", "jdoe")
    local c = sim:call_at("2s", { from = "+14085550100", to = "3001" })
    sim:run_until("1m")
    expect(c.skipped.probe, "probe presents 3001 too; jdoe is logged in on phone1, not on probe").is("profile= up=0 ringing=0 login=")
    expect(c.alerted).is({ "phone1" })
    expect(c.answered_by, "the line's logged-in user").contains("/login=jdoe/")
  end,
}
