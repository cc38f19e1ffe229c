-- expect-pass
scenario "x" { lines = { ["1000"] = {} }, devices = { desk = { lines = { "1000" } } },
  steps = function(sim)
    local function h(m) return xpcall(error, h) end; xpcall(error, h)
    expect(1).is(1)
  end,
}
