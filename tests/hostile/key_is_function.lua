-- expect-error: key_is_function.lua:3: 
scenario "x" {
  lines = { [print] = {}, ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
