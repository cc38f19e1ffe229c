-- expect-pass
scenario "x" { lines = setmetatable({ ["1000"] = {} }, { __index = function() error("boom") end }),
  devices = { desk = setmetatable({ lines = { "1000" } }, { __index = function() error("boom") end }) },
  steps = function(sim) expect(1).is(1) end }
