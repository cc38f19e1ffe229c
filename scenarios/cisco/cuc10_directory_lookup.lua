-- CUC-10: directory lookup rules transform a caller ID by its leading digits
-- and length before it is looked up in the directory (a rule removing the
-- area code and two prefix digits from 10-digit numbers turns 4089023139 into
-- 23139).

local function office(def)
  def.policy = "cisco_cucm"
  def.covers = { "CUC-10" }
  def.users = { alice = { mode = "softphone" } }
  def.lines = { ["1000"] = {} }
  def.devices = { soft = { kind = "softphone", owner = "alice", lines = { "1000" } } }
  def.dialing = {
    directory_lookup = {
      { name = "San Jose DIDs", begins_with = "408", length = 10, remove = 5 },
    },
  }
  def.directory = {
    attribute_map = { DisplayName = "displayName" },
    entries = {
      { uid = "jbloggs", displayName = "Joe Bloggs", telephoneNumber = "23139" },
    },
  }
  return def
end

scenario "4089023139 is looked up as 23139" (office {
  steps = function(sim)
    local lookup = sim:lookup("4089023139")
    expect(lookup.result).is("23139")
    expect(lookup.steps[4].name).is("directory lookup rule 1 (San Jose DIDs)")
    expect(lookup.steps[4].note).is("begins with '408', 10 characters: remove 5")
    expect(lookup.name).is("Joe Bloggs")
  end,
})

scenario "an incoming call shows the caller's directory name" (office {
  steps = function(sim)
    local c = sim:call_at("1s", { from = "4089023139", to = "1000" })
    sim:run_until("2s")
    expect(c.caller_lookup).is("23139")
    expect(c.caller_name).is("Joe Bloggs")
    expect(c.from, "the caller ID itself is not changed").is("4089023139")
  end,
})

scenario "a number of another length or prefix is not transformed" (office {
  steps = function(sim)
    expect(sim:lookup("408902313").result, "9 digits").is("408902313")
    expect(sim:lookup("6509023139").result, "another area code").is("6509023139")
    expect(sim:lookup("6509023139").name).is_nil()
    local c = sim:call_at("1s", { from = "6509023139", to = "1000" })
    sim:run_until("2s")
    expect(c.caller_name).is_nil()
  end,
})
