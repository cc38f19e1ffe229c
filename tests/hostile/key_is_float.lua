-- expect-error: key_is_float.lua:3: 
scenario "x" {
  lines = { [1.5] = {}, ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
