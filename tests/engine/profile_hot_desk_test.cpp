// PP-8 through the engine API: the profile service follows extension
// mobility's logins and logouts of a user's primary extension (no scenario
// bindings involved: the listener the service registers is the only path).
#include <catch2/catch.hpp>

#include "pbxsim/engine/group_calls.h"
#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/profile_service.h"

using namespace pbxsim;

namespace {

// Alice's primary extension "desk" (1000) is an extension-mobility phone whose
// own lines keep 1000; her device profile presents 1000 too. A mobile on 1000,
// an agent on 2000, UCD group "ucd" with 1000 and 2000. The "Office" profile
// keeps desk and mobile active and the extension in its groups.
Topology hot_desk_office(bool option) {
  Topology topology;
  topology.users.push_back({"alice", UserMode::SoftPhone});
  topology.users[0].profiles.edit().disable_dee_ucd_when_logged_out = option;
  for (const char* number : {"1000", "2000"}) {
    LineSpec line;
    line.number = number;
    topology.lines.push_back(line);
  }
  DeviceSpec desk;
  desk.name = "desk";
  desk.owner = "alice";
  desk.dee_main = true;
  desk.extension_mobility = true;
  desk.appearances.push_back({"1000", 4, 2});
  DeviceSpec mobile;
  mobile.name = "mobile";
  mobile.kind = DeviceKind::Mobile;
  mobile.owner = "alice";
  mobile.appearances.push_back({"1000", 4, 2});
  DeviceSpec agent;
  agent.name = "agent";
  agent.appearances.push_back({"2000", 4, 2});
  topology.devices = {desk, mobile, agent};
  DeviceProfileSpec profile;
  profile.name = "alice-desk";
  profile.user = "alice";
  profile.appearances.push_back({"1000", 4, 2});
  topology.device_profiles.push_back(profile);
  GroupSpec ucd;
  ucd.name = "ucd";
  ucd.number = "600";
  ucd.members = {{"1000", true, false}, {"2000", true, false}};
  topology.groups.push_back(ucd);
  ProfileSpec office;
  office.name = "Office";
  office.settings.destinations = std::vector<std::string>{"desk", "external"};
  office.settings.group_calls = true;
  topology.profile_rules.defaults = {office};
  topology.profile_rules.initial = "Office";
  topology.profile_rules.apply_on_login = true;
  topology.profile_rules.hot_desk_option = true;
  return topology;
}

bool in_ucd(const Pbx& pbx) { return pbx.groups().groups()[GroupIndex(0)].members[MemberIndex(0)].logged_in; }

}  // namespace

TEST_CASE("PP-8: a mobility logout takes the primary extension out of UCD and DEE; a login brings it back",
          "[engine][profiles][mobility]") {
  const Topology topology = hot_desk_office(true);
  REQUIRE(validate(topology).empty());
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  pbx.run_until(0);
  const DeviceIndex desk = *pbx.find_device("desk");
  const UserIndex alice = *pbx.find_user("alice");

  // Nobody has logged in yet: the desk is a logged-out hot-desk phone.
  CHECK_FALSE(pbx.devices()[desk].active);
  CHECK_FALSE(in_ucd(pbx));
  CHECK(pbx.devices()[*pbx.find_device("mobile")].active);

  REQUIRE(pbx.mobility().login(desk, alice, LoginRequest{}).ok);
  CHECK(pbx.devices()[desk].active);
  CHECK(in_ucd(pbx));

  REQUIRE(pbx.mobility().logout(desk, "test"));
  CHECK_FALSE(pbx.devices()[desk].active);
  CHECK_FALSE(in_ucd(pbx));
  CHECK(pbx.profiles().differences(alice).empty());  // the override is what the profile expects now
}

TEST_CASE("PP-8: without the user's option a mobility logout changes neither UCD nor DEE",
          "[engine][profiles][mobility]") {
  NeutralPolicy policy;
  Pbx pbx(hot_desk_office(false), policy, 1);
  pbx.run_until(0);
  const DeviceIndex desk = *pbx.find_device("desk");
  CHECK(pbx.devices()[desk].active);
  REQUIRE(pbx.mobility().login(desk, *pbx.find_user("alice"), LoginRequest{}).ok);
  REQUIRE(pbx.mobility().logout(desk, "test"));
  CHECK(pbx.devices()[desk].active);
  CHECK(in_ucd(pbx));
}
