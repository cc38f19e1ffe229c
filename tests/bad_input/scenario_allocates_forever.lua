-- expect-error: scenario_allocates_forever.lua:7: memory limit exceeded
scenario "steps that allocate without bound" {
  lines = { ["1000"] = {} },
  steps = function(sim)
    local hoard = {}
    while true do
      hoard[#hoard + 1] = string.rep("x", 4096) .. #hoard
    end
  end,
}
