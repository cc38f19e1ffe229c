-- expect-error: concat_op_loop.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local s = string.rep("a", 15000000); for i = 1, 1e9 do local t = s .. s end
    expect(1).is(1)
  end,
}
