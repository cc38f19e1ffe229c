// Profiles without Lua: timed triggers across days (PAS-4) and action
// chains that change the model (PAS-7, PAS-8), under the neutral policy.
#include <catch2/catch.hpp>

#include "pbxsim/engine/group_calls.h"
#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/profile_service.h"

using namespace pbxsim;

namespace {

ProfileAction action(ProfileActionKind kind, std::vector<std::string> arguments = {}) {
  return ProfileAction{kind, std::move(arguments)};
}

ProfileSpec profile(std::string name) {
  ProfileSpec spec;
  spec.name = std::move(name);
  return spec;
}

ProfileTrigger at(TimeUs time_of_day_us, WeekdayMask days, bool leave = false) {
  ProfileTrigger trigger;
  trigger.time_of_day_us = time_of_day_us;
  trigger.days = days;
  trigger.deactivate = leave;
  return trigger;
}

// Alice with a desk phone and a mobile on 1000; an agent on 2000; team "support" on 700.
Topology office() {
  Topology topology;
  topology.users.push_back({"alice", UserMode::SoftPhone});
  for (const char* number : {"1000", "2000"}) {
    LineSpec line;
    line.number = number;
    topology.lines.push_back(line);
  }
  DeviceSpec desk;
  desk.name = "desk";
  desk.owner = "alice";
  desk.appearances.push_back({"1000", 4, 2});
  DeviceSpec mobile = desk;
  mobile.name = "mobile";
  mobile.kind = DeviceKind::Mobile;
  DeviceSpec agent;
  agent.name = "agent";
  agent.appearances.push_back({"2000", 4, 2});
  topology.devices = {desk, mobile, agent};
  GroupSpec team;
  team.name = "support";
  team.number = "700";
  team.members = {{"1000", true, false}, {"2000", true, false}};
  topology.groups.push_back(team);
  topology.profile_rules.defaults = {profile("Office")};
  topology.profile_rules.initial = "Office";
  return topology;
}

// "<hours>h <profile>" for every switch made by a trigger.
std::vector<std::string> timed_switches(const Pbx& pbx) {
  std::vector<std::string> switches;
  for (const TraceEvent& event : pbx.trace().events()) {
    if (event.kind != TraceKind::Profile || event.text.find("(timer)") == std::string::npos) continue;
    const std::string name = event.text.substr(1, event.text.find('\'', 1) - 1);
    const TimeUs minutes = event.time_us / kUsPerMinute;
    switches.push_back(std::to_string(minutes / 60) + "h" + (minutes % 60 != 0 ? std::to_string(minutes % 60) : "") +
                       " " + name);
  }
  return switches;
}

std::vector<std::string> actions_run(const Pbx& pbx) {
  std::vector<std::string> actions;
  for (const TraceEvent& event : pbx.trace().events()) {
    if (event.kind == TraceKind::ProfileAction) actions.push_back(event.text.substr(0, event.text.find(" (")));
  }
  return actions;
}

}  // namespace

TEST_CASE("triggers: a weekday trigger fires Friday, skips the weekend and fires Monday", "[engine][profiles]") {
  Topology topology = office();
  topology.calendar = *parse_calendar_start("Fri 2024-05-03 08:00", nullptr);
  ProfileSpec lunch = profile("Lunch");
  lunch.triggers = {at(12 * kUsPerHour, kWorkdays), at(13 * kUsPerHour, kWorkdays, true)};
  topology.profiles = {lunch};
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  pbx.run_until(4 * kUsPerDay);
  CHECK(timed_switches(pbx) == std::vector<std::string>{"4h Lunch", "5h Office", "76h Lunch", "77h Office"});
}

TEST_CASE("triggers: a trigger without weekdays fires once, the next day if its time has passed", "[engine][profiles]") {
  Topology topology = office();
  topology.calendar = *parse_calendar_start("Wed 18:00", nullptr);
  ProfileSpec early = profile("Early");
  early.triggers = {at(7 * kUsPerHour + 30 * kUsPerMinute, 0)};
  topology.profiles = {early};
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  pbx.run_until(10 * kUsPerDay);
  CHECK(timed_switches(pbx) == std::vector<std::string>{"13h30 Early"});
}

TEST_CASE("triggers: editing a trigger reschedules it; the old time no longer fires", "[engine][profiles]") {
  Topology topology = office();
  topology.calendar = *parse_calendar_start("Mon 08:00", nullptr);
  ProfileSpec lunch = profile("Lunch");
  lunch.triggers = {at(12 * kUsPerHour, kEveryDay)};
  topology.profiles = {lunch};
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  ProfileEdit edit;
  edit.values.triggers = {at(12 * kUsPerHour + 30 * kUsPerMinute, kEveryDay)};
  edit.fields = {"triggers"};
  pbx.schedule_timer(kUsPerHour, [&] { pbx.profiles().edit(std::nullopt, "Lunch", edit); });
  pbx.schedule_timer(6 * kUsPerHour, [&] { pbx.profiles().select(UserIndex(0), "Office", {}); });
  pbx.run_until(kUsPerDay + 6 * kUsPerHour);
  CHECK(timed_switches(pbx) == std::vector<std::string>{"4h30 Lunch", "28h30 Lunch"});
}

TEST_CASE("action chains: an enter chain runs in order and changes what calls meet", "[engine][profiles]") {
  Topology topology = office();
  ProfileSpec busy = profile("Busy");
  busy.enter = {action(ProfileActionKind::TeamPause, {"support"}), action(ProfileActionKind::SetRedirect, {"+4930555"}),
                action(ProfileActionKind::FollowMe, {"desk"})};
  busy.leave = {action(ProfileActionKind::TeamUnpause, {"support"}), action(ProfileActionKind::UnsetRedirect),
                action(ProfileActionKind::FollowMe, {"all"})};
  topology.profiles = {busy};
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  pbx.schedule_timer(kUsPerSecond, [&] { pbx.profiles().select(UserIndex(0), "Busy", {}); });
  const CallId direct = pbx.schedule_call(2 * kUsPerSecond, "+1555", "1000");
  const CallId team = pbx.schedule_call(2 * kUsPerSecond, "+1556", "700");
  pbx.run_until(3 * kUsPerSecond);

  CHECK(pbx.groups().groups()[GroupIndex(0)].members[MemberIndex(0)].paused);
  CHECK(pbx.lines()[LineIndex(0)].spec.forward_all == Target::external("+4930555"));
  CHECK_FALSE(pbx.devices()[*pbx.find_device("mobile")].active);
  CHECK(pbx.call(direct).path == std::vector<std::string>{"1000", "+4930555"});
  CHECK(pbx.call(team).alerted_devices == std::vector<std::string>{"agent"});

  pbx.schedule_timer(4 * kUsPerSecond, [&] { pbx.profiles().select(UserIndex(0), "Office", {}); });
  pbx.run_until(5 * kUsPerSecond);
  CHECK_FALSE(pbx.groups().groups()[GroupIndex(0)].members[MemberIndex(0)].paused);
  CHECK_FALSE(pbx.lines()[LineIndex(0)].spec.forward_all.is_set());
  CHECK(pbx.devices()[*pbx.find_device("mobile")].active);
  CHECK(actions_run(pbx) == std::vector<std::string>{
                                "enter 'Busy' 1/3: team_pause support", "enter 'Busy' 2/3: set_redirect +4930555",
                                "enter 'Busy' 3/3: followme desk", "leave 'Busy' 1/3: team_unpause support",
                                "leave 'Busy' 2/3: unset_redirect", "leave 'Busy' 3/3: followme all"});
}

TEST_CASE("action chains: the leave chain runs before the enter chain unless the policy says otherwise",
          "[engine][profiles]") {
  for (const bool leave_first : {true, false}) {
    Topology topology = office();
    topology.profile_rules.leave_before_enter = leave_first;
    ProfileSpec first = profile("First");
    first.leave = {action(ProfileActionKind::UnsetRedirect)};
    ProfileSpec second = profile("Second");
    second.enter = {action(ProfileActionKind::SetRedirect, {"2000"})};
    topology.profiles = {first, second};
    NeutralPolicy policy;
    Pbx pbx(topology, policy, 1);
    pbx.schedule_timer(kUsPerSecond, [&] { pbx.profiles().select(UserIndex(0), "First", {}); });
    pbx.schedule_timer(2 * kUsPerSecond, [&] { pbx.profiles().select(UserIndex(0), "Second", {}); });
    pbx.run_until(3 * kUsPerSecond);
    INFO("leave_before_enter = " << leave_first);
    // Leave first: Second's redirect stands. Enter first: First's leave chain removes it.
    CHECK(pbx.lines()[LineIndex(0)].spec.forward_all.is_set() == leave_first);
  }
}

TEST_CASE("action chains: single actions change GSM mode, workplaces, and ignore teams the user is not in",
          "[engine][profiles]") {
  Topology topology = office();
  DeviceSpec hotdesk;
  hotdesk.name = "hotdesk";
  hotdesk.workplace = true;
  hotdesk.appearances.push_back({"1000", 4, 2});
  topology.devices.push_back(hotdesk);
  GroupSpec other;
  other.name = "other";
  other.number = "701";
  other.members = {{"2000", true, false}};
  topology.groups.push_back(other);
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  ProfileService& profiles = pbx.profiles();
  const DeviceIndex hotdesk_index = *pbx.find_device("hotdesk");
  pbx.schedule_timer(kUsPerSecond, [&] {
    profiles.run_action(UserIndex(0), action(ProfileActionKind::Gsm, {"on"}), "test");
    profiles.run_action(UserIndex(0), action(ProfileActionKind::SetWorkplace, {"hotdesk"}), "test");
    profiles.run_action(UserIndex(0), action(ProfileActionKind::TeamLogout, {"other"}), "test");
  });
  const CallId call = pbx.schedule_call(2 * kUsPerSecond, "+1555", "1000");
  pbx.run_until(3 * kUsPerSecond);
  CHECK(pbx.users()[UserIndex(0)].gsm);
  CHECK(pbx.devices()[hotdesk_index].workplace_user == UserIndex(0));
  CHECK(pbx.call(call).alerted_devices == std::vector<std::string>{"desk", "mobile", "hotdesk"});
  CHECK(pbx.groups().groups()[GroupIndex(1)].members[MemberIndex(0)].logged_in);  // alice is not in "other": nothing changes
  pbx.schedule_timer(4 * kUsPerSecond,
                      [&] { profiles.run_action(UserIndex(0), action(ProfileActionKind::UnsetWorkplace), "test"); });
  pbx.run_until(5 * kUsPerSecond);
  CHECK(pbx.devices()[hotdesk_index].workplace_user == kNoIndex);
}

TEST_CASE("profile books: users share one book until one user's book changes, and only that user's changes",
          "[engine][profiles]") {
  Topology topology = office();
  topology.users.push_back({"bob", UserMode::SoftPhone});
  topology.profiles = {profile("Lunch")};
  NeutralPolicy policy;
  Pbx pbx(topology, policy, 1);
  auto names = [&](UserIndex user) {
    std::vector<std::string> found;
    for (const ProfileService::Entry& entry : pbx.profiles().user(user).book) found.push_back(entry.spec.name);
    return found;
  };
  CHECK(pbx.profiles().user(UserIndex(0)).book.begin() == pbx.profiles().user(UserIndex(1)).book.begin());  // one copy
  ProfileEdit edit;
  edit.values.color = "red";
  edit.fields = {"color"};
  pbx.schedule_timer(kUsPerMinute, [&] { pbx.profiles().add(UserIndex(0), profile("Alice's own")); });
  pbx.schedule_timer(2 * kUsPerMinute, [&] { pbx.profiles().edit(UserIndex(1), "Lunch", edit); });
  pbx.schedule_timer(3 * kUsPerMinute, [&] { pbx.profiles().remove(UserIndex(1), "Office"); });
  pbx.run_until(kUsPerHour);
  CHECK(names(UserIndex(0)) == std::vector<std::string>{"Office", "Lunch", "Alice's own"});
  CHECK(names(UserIndex(1)) == std::vector<std::string>{"Lunch"});
  auto color_of_lunch = [&](UserIndex user) {
    for (const ProfileService::Entry& entry : pbx.profiles().user(user).book) {
      if (entry.spec.name == "Lunch") return entry.spec.color;
    }
    return std::string("none");
  };
  CHECK(color_of_lunch(UserIndex(0)).empty());
  CHECK(color_of_lunch(UserIndex(1)) == "red");
}
