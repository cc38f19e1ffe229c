-- CUC-1: the soft-phone device name is "UPC" + the user name upper-cased with
-- every character that is not a letter or digit removed, at most 12
-- characters after "UPC" (the seed's Table 2-1). Two users whose names give
-- the same device name collide: provisioning reports the collision and the
-- second soft phone cannot register.
--
-- Two devices cannot share a name (Unified CM refuses the second; see
-- tests/bad_input/cuc1_device_name_collision.lua), so the administrator names
-- johnniejackson's soft phone something else, which its client never finds.

local function first(list) return list[1] or {} end

scenario "the seed's table: user names and their soft-phone device names" {
  policy = "cisco_cucm",
  covers = { "CUC-1" },
  users = { "jjackson", "johnnie_jackson", "john.jackson" },
  lines = { ["1000"] = {}, ["1001"] = {}, ["1002"] = {} },
  devices = {
    soft_jj = { kind = "softphone", owner = "jjackson", lines = { "1000" } },
    soft_johnnie = { kind = "softphone", owner = "johnnie_jackson", lines = { "1001" } },
    soft_john = { kind = "softphone", owner = "john.jackson", lines = { "1002" } },
  },
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:device("soft_jj").device_name).is("UPCJJACKSON")
    expect(sim:device("soft_johnnie").device_name, "cut to 12 after UPC").is("UPCJOHNNIEJACKS")
    expect(sim:device("soft_john").device_name).is("UPCJOHNJACKSON")
    expect(sim:device("soft_jj").registered).is_true()
    expect(sim:device("soft_johnnie").registered).is_true()
    expect(sim:trace { kind = "provisioning" }).is_empty()
  end,
}

scenario "the table's johnniejackson row: UPCJOHNNIEJACKS, the same name as johnnie_jackson's" {
  policy = "cisco_cucm",
  covers = { "CUC-1" },
  users = { "johnniejackson" },
  lines = { ["1004"] = {} },
  devices = { soft = { kind = "softphone", owner = "johnniejackson", lines = { "1004" } } },
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:device("soft").device_name).is("UPCJOHNNIEJACKS")
    expect(sim:device("soft").registered, "alone, it does not collide").is_true()
  end,
}

scenario "johnnie_jackson and johnniejackson collide: the second soft phone cannot register" {
  policy = "cisco_cucm",
  covers = { "CUC-1" },
  users = { "johnnie_jackson", "johnniejackson" },
  lines = { ["1001"] = {}, ["1004"] = {} },
  devices = {
    soft_a = { kind = "softphone", owner = "johnnie_jackson", lines = { "1001" } },
    soft_b = { kind = "softphone", owner = "johnniejackson", device_name = "UPCJOHNNIEJACK2", lines = { "1004" } },
  },
  steps = function(sim)
    local c = sim:call_at("1s", { from = "+14085550100", to = "1004" })
    sim:run_until("2s")
    expect(sim:device("soft_a").registered).is_true()
    expect(sim:device("soft_b").registered).is_false()
    local report = first(sim:trace { kind = "provisioning", subject = "soft_b" })
    expect(report.time, "reported at provisioning").is(0)
    expect(report.details).is("the client of johnniejackson looks for device UPCJOHNNIEJACKS, not UPCJOHNNIEJACK2, "
      .. "and UPCJOHNNIEJACKS is soft_a of johnnie_jackson: the user names collide")
    expect(first(sim:trace { kind = "registration-refused", subject = "soft_b" }).details)
      .contains("line 1004: the client of johnniejackson looks for device UPCJOHNNIEJACKS")
    expect(c.alerted).is_empty()
  end,
}

scenario "a name with 12 characters after UPC is kept whole; a 13th is cut" {
  policy = "cisco_cucm",
  covers = { "CUC-1" },
  users = { "abcdefghijkl", "m.nopqrstuvwxyz-1" },
  lines = { ["1000"] = {}, ["1001"] = {} },
  devices = {
    twelve = { kind = "softphone", owner = "abcdefghijkl", lines = { "1000" } },
    longer = { kind = "softphone", owner = "m.nopqrstuvwxyz-1", lines = { "1001" } },
  },
  steps = function(sim)
    sim:run_until("1s")
    expect(sim:device("twelve").device_name).is("UPCABCDEFGHIJKL")
    expect(sim:device("longer").device_name, "Y, Z and 1 fall beyond 12").is("UPCMNOPQRSTUVWX")
    expect(sim:device("longer").registered, "derived, so its client finds it").is_true()
  end,
}
