-- expect-error: instruction budget exhausted
scenario "an endless loop hidden behind pcall" {
  lines = { ["1000"] = {} },
  steps = function(sim)
    while true do
      pcall(function() while true do end end)
    end
  end,
}
