-- expect-error: cti_outage_forever.lua:14: the run keeps more than 128 MiB for its results
-- Both CTI gateways go down for good and the run goes on for 26 million days:
-- the client retries every 60 s and each attempt is traced. Nothing the script
-- does costs anything; the trace alone grows, until the engine's kept-memory
-- limit (--engine-kept-mib) stops it between two events.
scenario "a CTI outage that never ends" {
  policy = "cisco_cucm",
  users = { alice = { mode = "deskphone", client = { cti = { "cti1", "cti2" } } } },
  lines = { ["1000"] = {} },
  devices = { desk = { kind = "deskphone", owner = "alice", lines = { "1000" } } },
  servers = { cti1 = "cti", cti2 = "cti" },
  steps = function(sim)
    sim:at("10s", "cti1", "down"); sim:at("10s", "cti2", "down")
    sim:run_until("26000000d")
    expect(1).is(1)
  end,
}
