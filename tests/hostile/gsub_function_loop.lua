-- expect-error: gsub_function_loop.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local s = string.rep("a", 1000000); for i = 1, 1e9 do s:gsub(".", "%0") end
    expect(1).is(1)
  end,
}
