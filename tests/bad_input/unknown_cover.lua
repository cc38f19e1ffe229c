-- expect-error: unknown_cover.lua:2: covers names 'CUC-55', which is not in the behaviour catalogue
scenario "covers an ID the catalogue does not have" {
  covers = { "CUC-55" },
  lines = { ["1000"] = {} },
  steps = function(sim) expect(1).is(1) end,
}
