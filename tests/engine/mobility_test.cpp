// Extension mobility through the engine API that hot-desk features (PP-8)
// use: login, logout, the listener, and the timers.
#include <catch2/catch.hpp>

#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"

using namespace pbxsim;

namespace {

Topology hot_desk_site(MultipleLogin behaviour = MultipleLogin::NotAllowed) {
  Topology topology;
  UserSpec jdoe;
  jdoe.id = "jdoe";
  topology.users.push_back(jdoe);
  for (const char* number : {"1001", "1002", "3001"}) {
    LineSpec line;
    line.number = number;
    topology.lines.push_back(line);
  }
  for (const auto& [name, number] : {std::pair{"phone1", "1001"}, std::pair{"phone2", "1002"}}) {
    DeviceSpec device;
    device.name = name;
    device.extension_mobility = true;
    device.appearances.push_back({number, 4, 2});
    topology.devices.push_back(device);
  }
  DeviceProfileSpec profile;
  profile.name = "jdoe-profile";
  profile.user = "jdoe";
  profile.appearances.push_back({"3001", 4, 2});
  topology.device_profiles.push_back(profile);
  topology.extension_mobility.multiple_login = behaviour;
  return topology;
}

std::vector<std::string> device_lines(const Pbx& pbx, DeviceIndex device) {
  std::vector<std::string> lines;
  for (AppearanceIndex appearance : pbx.devices()[device].appearances) {
    lines.push_back(pbx.lines()[pbx.appearances()[appearance].line].spec.number);
  }
  return lines;
}

}  // namespace

TEST_CASE("mobility: a login moves the profile's DN onto the phone and a logout moves it off", "[engine][mobility]") {
  const Topology topology = hot_desk_site();
  REQUIRE(validate(topology).empty());
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  pbx.run_until(0);
  const DeviceIndex phone = *pbx.find_device("phone1");
  const UserIndex user = *pbx.find_user("JDOE");

  const LoginResult result = pbx.mobility().login(phone, user, LoginRequest{});
  REQUIRE(result.ok);
  CHECK(device_lines(pbx, phone) == std::vector<std::string>{"3001"});
  CHECK(pbx.line_registrations(*pbx.find_line("3001")) == 1);
  CHECK(pbx.line_registrations(*pbx.find_line("1001")) == 0);
  CHECK(pbx.mobility().logged_in_user(phone) == user);

  REQUIRE(pbx.mobility().logout(phone, "test"));
  CHECK(device_lines(pbx, phone) == std::vector<std::string>{"1001"});
  CHECK(pbx.line_registrations(*pbx.find_line("3001")) == 0);
  CHECK(pbx.mobility().logged_in_user(phone) == kNoIndex);
  CHECK_FALSE(pbx.mobility().logout(phone, "again"));
}

TEST_CASE("mobility: listeners hear every login and logout with its reason", "[engine][mobility]") {
  NeutralPolicy policy;
  Pbx pbx(hot_desk_site(MultipleLogin::AutoLogout), policy, 1);
  std::vector<std::string> heard;
  pbx.mobility().add_listener([&](const MobilityChange& change) {
    heard.push_back((change.kind == MobilityChange::Kind::Login ? "login " : "logout ") +
                    pbx.devices()[change.device].name + " " + std::string(change.reason));
  });
  const UserIndex user = *pbx.find_user("jdoe");
  LoginRequest request;
  request.via = "hot desk";
  pbx.mobility().login(*pbx.find_device("phone1"), user, request);
  pbx.mobility().login(*pbx.find_device("phone2"), user, request);
  CHECK(heard == std::vector<std::string>{"login phone1 hot desk",
                                          "logout phone1 auto logout: jdoe logged in to phone2",
                                          "login phone2 hot desk"});
}

TEST_CASE("mobility: with multiple logins not allowed the second login is refused with a reason", "[engine][mobility]") {
  NeutralPolicy policy;
  Pbx pbx(hot_desk_site(MultipleLogin::NotAllowed), policy, 1);
  const UserIndex user = *pbx.find_user("jdoe");
  REQUIRE(pbx.mobility().login(*pbx.find_device("phone1"), user, {}).ok);
  const LoginResult second = pbx.mobility().login(*pbx.find_device("phone2"), user, {});
  CHECK_FALSE(second.ok);
  CHECK(second.reason == "already logged in to phone1 (multiple logins not allowed)");
}

TEST_CASE("mobility: the maximum login time logs out through a timer a logout cancels", "[engine][mobility]") {
  Topology topology = hot_desk_site();
  topology.extension_mobility.enforce_max_login_time = true;
  topology.extension_mobility.max_login_time_us = kUsPerHour;
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  const DeviceIndex phone = *pbx.find_device("phone1");
  const UserIndex user = *pbx.find_user("jdoe");
  pbx.mobility().login(phone, user, {});
  CHECK(pbx.pending_events() >= 1);
  pbx.run_until(kUsPerHour - 1);
  CHECK(pbx.mobility().logged_in_user(phone) == user);
  pbx.run_until(kUsPerHour);
  CHECK(pbx.mobility().logged_in_user(phone) == kNoIndex);

  pbx.mobility().login(phone, user, {});
  pbx.mobility().logout(phone, "early");
  CHECK(pbx.run_until_idle(10 * kUsPerHour));
  int logouts = 0;
  for (const TraceEvent& event : pbx.trace().events()) logouts += event.kind == TraceKind::Logout ? 1 : 0;
  CHECK(logouts == 2);  // the timer did not fire after the early logout
}

TEST_CASE("mobility: a device without extension mobility refuses every login", "[engine][mobility]") {
  Topology topology = hot_desk_site();
  topology.devices[0].extension_mobility = false;
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  const LoginResult result = pbx.mobility().login(*pbx.find_device("phone1"), *pbx.find_user("jdoe"), {});
  CHECK_FALSE(result.ok);
  CHECK(result.reason == "extension mobility is not enabled on phone1");
}
