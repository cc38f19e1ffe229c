-- expect-error: kept_calls_many.lua:13: the run keeps more than 128 MiB for its results
-- args: run {file} --lua-kept-mib 4096
-- Ten million calls, a thousand at a time, each to a busy number: with the
-- script's own limit raised, what stops the run is the engine's, on the
-- ended calls' records and their trace records. The calls in progress stay
-- few (run_until after each thousand).
scenario "ten million short calls" {
  lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  externals = { ["+1555"] = "busy" },
  steps = function(sim)
    for i = 1, 1e7 do
      sim:call_at(i .. "s", "+1666", "+1555")
      if i % 1000 == 0 then sim:run_until(i .. "s") end
    end
    expect(1).is(1)
  end,
}
