-- expect-error: threecx_misspelt_status.lua:3: _configure["1000"]: unknown field 'Lunchbreak'
scenario "a 3CX site's rules with a status 3CX does not have" {
  policy = "policies/threecx_misspelt_status.lua",
  lines = { ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
