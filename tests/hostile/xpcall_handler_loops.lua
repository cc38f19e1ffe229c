-- expect-error: xpcall_handler_loops.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    xpcall(function() error("x") end, function() while true do end end)
    expect(1).is(1)
  end,
}
