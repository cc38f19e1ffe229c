-- expect-error: utf8_len_loop.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local s = string.rep("a", 30000000); for i = 1, 1e9 do utf8.len(s) end
    expect(1).is(1)
  end,
}
