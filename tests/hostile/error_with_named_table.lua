-- expect-error: error_with_named_table.lua:4: 
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    error(setmetatable({}, { __name = "x" }))
  end,
}
