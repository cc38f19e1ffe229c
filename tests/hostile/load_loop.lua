-- expect-error: load_loop.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local s = string.rep("a=1 ", 2000000); for i = 1, 1e9 do load(s) end
    expect(1).is(1)
  end,
}
