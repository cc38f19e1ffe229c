-- expect-error: scenario_loops_forever.lua:6: instruction budget exhausted
scenario "steps that never end" {
  lines = { ["1000"] = {} },
  steps = function(sim)
    local n = 0
    while true do n = n + 1 end
  end,
}
