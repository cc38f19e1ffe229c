-- expect-error: unknown_forward_target.lua:4: lines.1000.cfb: forward target '2000' is not a line
scenario "a forward points at a DN that is not declared" {
  lines = {
    ["1000"] = { cfb = "2000" },
  },
  steps = function(sim) expect(1).is(1) end,
}
