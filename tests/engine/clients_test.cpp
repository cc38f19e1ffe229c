// The client state machines against fault injection, without Lua.
#include <catch2/catch.hpp>

#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"

using namespace pbxsim;

namespace {

Topology cti_site() {
  Topology topology;
  UserSpec alice;
  alice.id = "alice";
  alice.mode = UserMode::DeskPhone;
  alice.presence.client.edit().present = true;
  alice.presence.client.edit().cti = {"cti1", "cti2"};
  alice.presence.client.edit().tftp = {"tftp1", "tftp2"};
  topology.users.push_back(alice);
  LineSpec line;
  line.number = "1000";
  topology.lines.push_back(line);
  DeviceSpec desk;
  desk.name = "desk";
  desk.owner = "alice";
  desk.appearances.push_back({"1000", 4, 2});
  topology.devices.push_back(desk);
  for (const char* name : {"cti1", "cti2"}) topology.servers.push_back({name, ServerKind::Cti, true});
  for (const char* name : {"tftp1", "tftp2"}) topology.servers.push_back({name, ServerKind::Tftp, true});
  return topology;
}

std::vector<TimeUs> attempt_times(const Pbx& pbx, std::string_view service) {
  std::vector<TimeUs> times;
  for (const TraceEvent& event : pbx.trace().events()) {
    if (event.kind == TraceKind::Attempt && event.text.rfind(service, 0) == 0) times.push_back(event.time_us);
  }
  return times;
}

}  // namespace

TEST_CASE("clients: CTI reconnect attempts back off 4, 8, 16, 32, 60, 60 s and end at a connection",
          "[engine][clients]") {
  const Topology topology = cti_site();
  REQUIRE(validate(topology).empty());
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  const ServerIndex cti1 = *pbx.servers().find("cti1");
  const ServerIndex cti2 = *pbx.servers().find("cti2");
  pbx.run_until(10 * kUsPerSecond);
  pbx.servers().set_up(cti1, false);
  pbx.servers().set_up(cti2, false);
  pbx.run_until(200 * kUsPerSecond);
  pbx.servers().set_up(cti2, true);
  pbx.run_until(1000 * kUsPerSecond);
  // cti2 is back at 200 s; the attempt at 250 s is the primary's turn, so 310 s connects.
  const std::vector<TimeUs> expected = {0, 14, 22, 38, 70, 130, 190, 250, 310};
  std::vector<TimeUs> seconds;
  for (TimeUs time : attempt_times(pbx, "cti")) seconds.push_back(time / kUsPerSecond);
  CHECK(seconds == expected);
  CHECK(pbx.clients().client(*pbx.find_user("alice")).cti_server == "cti2");
}

TEST_CASE("clients: no TFTP answer and no cache puts the client in Disabled mode", "[engine][clients]") {
  Topology topology = cti_site();
  for (ServerSpec& server : topology.servers) {
    if (server.kind == ServerKind::Tftp) server.up = false;
  }
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  pbx.run_until(kUsPerMinute);
  const ClientState& client = pbx.clients().client(*pbx.find_user("alice"));
  CHECK(client.config == ConfigState::Failed);
  CHECK(client.disabled);
  CHECK(client.cti == CtiState::Off);
  CHECK(attempt_times(pbx, "tftp") == std::vector<TimeUs>{0, 5 * kUsPerSecond});
  std::string why;
  CHECK_FALSE(pbx.clients().can_dial(*pbx.find_user("alice"), &why));
}

TEST_CASE("clients: a stopped client cancels its timers", "[engine][clients]") {
  NeutralPolicy policy;
  Pbx pbx(cti_site(), policy, 1);
  pbx.run_until(kUsPerSecond);
  pbx.servers().set_up(*pbx.servers().find("cti1"), false);
  pbx.servers().set_up(*pbx.servers().find("cti2"), false);
  pbx.clients().stop(*pbx.find_user("alice"), "test");
  CHECK(pbx.run_until_idle(kUsPerDay));
  CHECK(attempt_times(pbx, "cti").size() == 1);  // only the first connection
}
