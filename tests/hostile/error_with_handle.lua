-- expect-error: error_with_handle.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    error(sim:call_at("1s", "+1", "1000"))
  end,
}
