-- expect-error: gc_on_call_handle.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local c = sim:call_at("1s", "+1555", "1000"); getmetatable(c).__gc = function() while true do end end; for i = 1, 100 do sim:call_at("2s", "+1555", "1000") end; local t = {}; for i = 1, 1e6 do t[i] = {} end
    expect(1).is(1)
  end,
}
