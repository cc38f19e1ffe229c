-- expect-error: nul_user_key.lua:3: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  users = { ["al\0ice"] = { mode = "softphone" } },
  steps = function(sim) expect(1).is(1) end,
}
