-- expect-error: plain_find_loop.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local s = string.rep("a", 30000000); for i = 1, 1e9 do s:find("b", 1, true) end
    expect(1).is(1)
  end,
}
