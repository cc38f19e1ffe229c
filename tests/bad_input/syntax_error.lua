-- expect-error: syntax_error.lua:7:
scenario "a missing closing brace" {
  lines = { ["1000"] = {} },
  steps = function(sim)
    sim:run_until("1s")
  end
