// The invariants of the features beyond the core, on traces written by hand:
// each must be able to fail (the explorer's broken policies cover the ones a
// policy can break; these cover the ones only the engine can).
#include <catch2/catch.hpp>

#include "pbxsim/simulator/testing/invariants.h"

using namespace pbxsim;

namespace {

// A hot-desk phone with its own line 1001 and jdoe's device profile with 3001.
Topology hot_desk(MultipleLogin multiple_login, bool enforce_max_login_time) {
  Topology topology;
  for (const char* number : {"1001", "3001"}) {
    LineSpec line;
    line.number = number;
    topology.lines.push_back(line);
  }
  for (const char* name : {"phone1", "phone2"}) {
    DeviceSpec device;
    device.name = name;
    device.appearances.push_back(AppearanceSpec{});
    device.appearances.back().line = "1001";
    topology.devices.push_back(device);
  }
  DeviceProfileSpec profile;
  profile.name = "jdoe-profile";
  profile.user = "jdoe";
  profile.appearances.push_back(AppearanceSpec{});
  profile.appearances.back().line = "3001";
  topology.device_profiles.push_back(profile);
  topology.extension_mobility.multiple_login = multiple_login;
  topology.extension_mobility.enforce_max_login_time = enforce_max_login_time;
  topology.extension_mobility.max_login_time_us = 30 * kUsPerSecond;
  return topology;
}

TraceEvent login(TimeUs at_s, const char* device, TimeUs limit_us = -1) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Login,
                        {.about = TraceAbout::Device, .device = device, .user = "jdoe", .reason = "manual",
                         .target = "jdoe-profile", .duration_us = limit_us});
}
TraceEvent logout(TimeUs at_s, const char* device) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Logout, {.about = TraceAbout::Device, .device = device, .user = "jdoe"});
}
TraceEvent alerted(TimeUs at_s, CallId call, const char* device, const char* line) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Alerted,
                        {.about = TraceAbout::Device, .call = call, .device = device, .line = line, .reason = "audible"});
}

// The extension mobility codes found (these traces leave out registrations).
std::vector<std::string> codes(const Topology& topology, const std::vector<TraceEvent>& trace) {
  std::vector<std::string> found;
  for (const InvariantViolation& violation : check_invariants(RunObservation{topology, trace, {}, false})) {
    if (violation.code.rfind("INV-EM-", 0) == 0) found.push_back(violation.code);
  }
  return found;
}

}  // namespace

TEST_CASE("invariants: a profile's line alerting a phone after the user logged out is INV-EM-LOGGED-OUT", "[invariants]") {
  const Topology topology = hot_desk(MultipleLogin::NotAllowed, false);
  CHECK(codes(topology, {login(1, "phone1"), alerted(2, 1, "phone1", "3001"), logout(3, "phone1"),
                         alerted(4, 2, "phone1", "1001")})
            .empty());
  CHECK(codes(topology, {login(1, "phone1"), logout(3, "phone1"), alerted(4, 1, "phone1", "3001")}) ==
        std::vector<std::string>{"INV-EM-LOGGED-OUT"});
  CHECK(codes(topology, {login(1, "phone1"), alerted(4, 1, "phone2", "3001")}) ==
        std::vector<std::string>{"INV-EM-LOGGED-OUT"});
}

TEST_CASE("invariants: a second login of a user while multiple logins are not allowed is INV-EM-MULTIPLE-LOGIN",
          "[invariants]") {
  const std::vector<TraceEvent> twice{login(1, "phone1"), login(2, "phone2")};
  CHECK(codes(hot_desk(MultipleLogin::Allowed, false), twice).empty());
  CHECK(codes(hot_desk(MultipleLogin::NotAllowed, false), twice) == std::vector<std::string>{"INV-EM-MULTIPLE-LOGIN"});
  CHECK(codes(hot_desk(MultipleLogin::AutoLogout, false), {login(1, "phone1"), logout(2, "phone1"), login(2, "phone2")})
            .empty());
}

TEST_CASE("invariants: a login past its maximum login time, or unlimited while enforced, is INV-EM-MAX-LOGIN",
          "[invariants]") {
  const TimeUs limit_us = 30 * kUsPerSecond;
  CHECK(codes(hot_desk(MultipleLogin::NotAllowed, true), {login(1, "phone1", limit_us), logout(31, "phone1")}).empty());
  CHECK(codes(hot_desk(MultipleLogin::NotAllowed, true), {login(1, "phone1", limit_us), logout(32, "phone1")}) ==
        std::vector<std::string>{"INV-EM-MAX-LOGIN"});
  CHECK(codes(hot_desk(MultipleLogin::NotAllowed, true), {login(1, "phone1")}) ==
        std::vector<std::string>{"INV-EM-MAX-LOGIN"});
  CHECK(codes(hot_desk(MultipleLogin::NotAllowed, false), {login(1, "phone1"), logout(500, "phone1")}).empty());
}

namespace {

// alice's client controls her desk phone through cti1, then cti2 (the seed's intervals: 4, 8, 16, 32, 60 s).
Topology cti_office() {
  Topology topology;
  UserSpec alice;
  alice.id = "alice";
  ClientSpec& client = alice.presence.client.edit();
  client.present = true;
  client.cti = {"cti1", "cti2"};
  topology.users.push_back(alice);
  for (const char* name : {"cti1", "cti2"}) topology.servers.push_back(ServerSpec{name, ServerKind::Cti, true});
  return topology;
}

TraceEvent server(TimeUs at_s, const char* name, const char* change) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Server, {.about = TraceAbout::Server, .server = name, .reason = change});
}
TraceEvent cti_lost(TimeUs at_s) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Client, {.about = TraceAbout::User, .user = "alice", .reason = "cti-lost"});
}
TraceEvent cti_attempt(TimeUs at_s, const char* name, const char* outcome) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Attempt,
                        {.about = TraceAbout::User, .user = "alice", .server = name, .reason = outcome, .target = "cti"});
}

std::vector<std::string> cti_codes(const std::vector<TraceEvent>& trace) {
  std::vector<std::string> found;
  for (const InvariantViolation& violation : check_invariants(RunObservation{cti_office(), trace, {}, false})) {
    found.push_back(violation.code);
  }
  return found;
}

}  // namespace

TEST_CASE("invariants: CTI attempts off the policy's intervals, out of round-robin order or connecting to a down server "
          "are INV-CTI-RECONNECT",
          "[invariants]") {
  // CUC-16's example: both down at 10 s, back at 110 s.
  std::vector<TraceEvent> seed{cti_attempt(0, "cti1", "connected"), server(10, "cti1", "down"), server(10, "cti2", "down"),
                               cti_lost(10),  cti_attempt(14, "cti1", "failed"), cti_attempt(22, "cti2", "failed"),
                               cti_attempt(38, "cti1", "failed"), cti_attempt(70, "cti2", "failed"),
                               server(110, "cti1", "up"), server(110, "cti2", "up"), cti_attempt(130, "cti1", "connected")};
  CHECK(cti_codes(seed).empty());
  std::vector<TraceEvent> early = seed;
  early[6] = cti_attempt(21, "cti2", "failed");  // 7 s after the first retry instead of 8
  CHECK(cti_codes(early) == std::vector<std::string>{"INV-CTI-RECONNECT"});
  std::vector<TraceEvent> same_server = seed;
  same_server[6] = cti_attempt(22, "cti1", "failed");  // the backup's turn
  CHECK(cti_codes(same_server) == std::vector<std::string>{"INV-CTI-RECONNECT"});
  std::vector<TraceEvent> down_connects = seed;
  down_connects[6] = cti_attempt(22, "cti2", "connected");  // cti2 is down
  CHECK(cti_codes(down_connects) == std::vector<std::string>{"INV-CTI-RECONNECT"});
}

namespace {

// bob's client downloads its configuration from tftp1, then tftp2 (a 5 s TFTP timeout); nothing cached.
Topology tftp_office() {
  Topology topology;
  UserSpec bob;
  bob.id = "bob";
  ClientSpec& client = bob.presence.client.edit();
  client.present = true;
  client.tftp = {"tftp1", "tftp2"};
  topology.users.push_back(bob);
  for (const char* name : {"tftp1", "tftp2"}) topology.servers.push_back(ServerSpec{name, ServerKind::Tftp, true});
  topology.client_timing.tftp_timeout_us = 5 * kUsPerSecond;
  return topology;
}

TraceEvent bob_client(TimeUs at_s, const char* change) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Client, {.about = TraceAbout::User, .user = "bob", .reason = change});
}
TraceEvent tftp_attempt(TimeUs at_s, const char* name, const char* outcome) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Attempt,
                        {.about = TraceAbout::User, .user = "bob", .server = name, .reason = outcome, .target = "tftp"});
}

std::vector<std::string> tftp_codes(const std::vector<TraceEvent>& trace) {
  std::vector<std::string> found;
  for (const InvariantViolation& violation : check_invariants(RunObservation{tftp_office(), trace, {}, false})) {
    found.push_back(violation.code);
  }
  return found;
}

}  // namespace

TEST_CASE("invariants: a configuration download out of the servers' order, off the timeout, or giving up early is "
          "INV-TFTP-ORDER",
          "[invariants]") {
  // Started with both up: tftp1 answers. Both down, restarted: tftp1, tftp2 5 s later, the cache 5 s after that.
  const std::vector<TraceEvent> seed{bob_client(0, "started"),        tftp_attempt(0, "tftp1", "downloaded"),
                                     server(10, "tftp1", "down"),     server(10, "tftp2", "down"),
                                     bob_client(20, "stopped"),       bob_client(20, "started"),
                                     tftp_attempt(20, "tftp1", "no-answer"), tftp_attempt(25, "tftp2", "no-answer"),
                                     bob_client(30, "config-cached")};
  CHECK(tftp_codes(seed).empty());
  std::vector<TraceEvent> backup_first = seed;
  backup_first[1] = tftp_attempt(0, "tftp2", "downloaded");
  CHECK(tftp_codes(backup_first) == std::vector<std::string>{"INV-TFTP-ORDER"});
  std::vector<TraceEvent> early = seed;
  early[7] = tftp_attempt(24, "tftp2", "no-answer");
  CHECK(tftp_codes(early) == std::vector<std::string>{"INV-TFTP-ORDER"});
  std::vector<TraceEvent> down_downloads = seed;
  down_downloads[6] = tftp_attempt(20, "tftp1", "downloaded");
  CHECK(tftp_codes(down_downloads) == std::vector<std::string>{"INV-TFTP-ORDER"});
  std::vector<TraceEvent> disabled_with_cache = seed;
  disabled_with_cache[8] = bob_client(30, "config-disabled");
  CHECK(tftp_codes(disabled_with_cache) == std::vector<std::string>{"INV-TFTP-ORDER"});
  std::vector<TraceEvent> gave_up_early = seed;
  gave_up_early.erase(gave_up_early.begin() + 7);  // the cache after one server only
  CHECK(tftp_codes(gave_up_early) == std::vector<std::string>{"INV-TFTP-ORDER"});
}

namespace {

// carol's client searches ldap1, then ldap2 (5 s timeout, 500 ms a search, back to the primary after 5 min).
Topology ldap_office() {
  Topology topology;
  UserSpec carol;
  carol.id = "carol";
  ClientSpec& client = carol.presence.client.edit();
  client.present = true;
  client.ldap = {"ldap1", "ldap2"};
  topology.users.push_back(carol);
  for (const char* name : {"ldap1", "ldap2"}) topology.servers.push_back(ServerSpec{name, ServerKind::Ldap, true});
  topology.client_timing.ldap_timeout_us = 5 * kUsPerSecond;
  topology.client_timing.ldap_search_us = 500 * kUsPerMs;
  topology.client_timing.ldap_primary_retry_us = 5 * kUsPerMinute;
  return topology;
}

TraceEvent ldap_at(TimeUs at_ms, const char* name, const char* outcome) {
  return TraceEvent::of(at_ms * kUsPerMs, TraceKind::Attempt,
                        {.about = TraceAbout::User, .user = "carol", .server = name, .reason = outcome, .target = "ldap"});
}
TraceEvent carol_client(TimeUs at_ms, const char* change, const char* server = "") {
  return TraceEvent::of(at_ms * kUsPerMs, TraceKind::Client,
                        {.about = TraceAbout::User, .user = "carol", .server = server, .reason = change});
}

std::vector<std::string> ldap_codes(const std::vector<TraceEvent>& trace) {
  std::vector<std::string> found;
  for (const InvariantViolation& violation : check_invariants(RunObservation{ldap_office(), trace, {}, false})) {
    found.push_back(violation.code);
  }
  return found;
}

}  // namespace

TEST_CASE("invariants: an LDAP search out of order, off the timeout, or not starting at the current server is "
          "INV-LDAP-ORDER",
          "[invariants]") {
  // ldap1 down: the first search times out on it and is answered by ldap2; the next starts at ldap2, which goes
  // down mid-search, so ldap1 (up again) answers.
  const std::vector<TraceEvent> seed{server(0, "ldap1", "down"),
                                     ldap_at(1000, "ldap1", "no-answer"), ldap_at(6000, "ldap2", "searching"),
                                     carol_client(6500, "ldap-found", "ldap2"), server(10, "ldap1", "up"),
                                     ldap_at(20000, "ldap2", "searching"), server(20, "ldap2", "down"),
                                     ldap_at(20200, "ldap2", "went-down"), ldap_at(20200, "ldap1", "searching"),
                                     carol_client(20700, "ldap-found", "ldap1")};
  std::vector<TraceEvent> fixed = seed;
  fixed[6] = server(20, "ldap2", "down");
  fixed[6].time_us = 20200 * kUsPerMs;  // the outage at the instant the search goes over
  CHECK(ldap_codes(fixed).empty());
  std::vector<TraceEvent> primary_again = fixed;
  primary_again[5] = ldap_at(20000, "ldap1", "searching");  // the second search must start at ldap2
  CHECK(ldap_codes(primary_again) == std::vector<std::string>{"INV-LDAP-ORDER"});
  std::vector<TraceEvent> early = fixed;
  early[2] = ldap_at(4000, "ldap2", "searching");  // before ldap1's timeout ran out
  CHECK(ldap_codes(early) == std::vector<std::string>{"INV-LDAP-ORDER"});
  std::vector<TraceEvent> down_searches = fixed;
  down_searches[1] = ldap_at(1000, "ldap1", "searching");  // ldap1 is down
  CHECK(ldap_codes(down_searches) == std::vector<std::string>{"INV-LDAP-ORDER"});
  // After ldap2's answer the client returns to the primary five minutes later, not at another time.
  std::vector<TraceEvent> backup_answered(fixed.begin(), fixed.begin() + 4);
  backup_answered.push_back(carol_client(306500, "ldap-primary-again"));
  CHECK(ldap_codes(backup_answered).empty());
  backup_answered.back() = carol_client(400000, "ldap-primary-again");
  CHECK(ldap_codes(backup_answered) == std::vector<std::string>{"INV-LDAP-ORDER"});
}

namespace {

// Group 600 (sales) of line 2000; phone b has 2000, phone c has 3000.
Topology pickup_site() {
  Topology topology;
  for (const char* number : {"1000", "2000", "3000"}) {
    LineSpec line;
    line.number = number;
    topology.lines.push_back(line);
  }
  for (const auto& [name, number] : {std::pair{"a", "1000"}, std::pair{"b", "2000"}, std::pair{"c", "3000"}}) {
    DeviceSpec device;
    device.name = name;
    device.appearances.push_back(AppearanceSpec{});
    device.appearances.back().line = number;
    topology.devices.push_back(device);
  }
  GroupSpec group;
  group.name = "sales";
  group.number = "600";
  group.members.push_back(GroupMemberSpec{"1000"});
  group.members.push_back(GroupMemberSpec{"2000"});
  topology.groups.push_back(group);
  return topology;
}

TraceEvent offered(TimeUs at_s, const char* group) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::CallOffered, {.about = TraceAbout::Call, .call = 1, .group = group});
}
TraceEvent picked_up(TimeUs at_s, const char* device) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::PickedUp,
                        {.about = TraceAbout::Device, .call = 1, .device = device, .group = "sales"});
}

std::vector<std::string> pickup_codes(const std::vector<TraceEvent>& trace) {
  std::vector<std::string> found;
  for (const InvariantViolation& violation : check_invariants(RunObservation{pickup_site(), trace, {}, false})) {
    if (violation.code == "INV-PICKUP") found.push_back(violation.code);
  }
  return found;
}

}  // namespace

TEST_CASE("invariants: a pickup of a call its group no longer rings, or by a phone outside the group, is INV-PICKUP",
          "[invariants]") {
  CHECK(pickup_codes({offered(1, "sales"), alerted(1, 1, "a", "1000"), picked_up(3, "b")}).empty());
  // The call overflowed to a line: not the group's any more.
  CHECK(pickup_codes({offered(1, "sales"), offered(5, ""), alerted(5, 1, "c", "3000"), picked_up(6, "b")}) ==
        std::vector<std::string>{"INV-PICKUP"});
  // Phone c's line is not a member of sales.
  CHECK(pickup_codes({offered(1, "sales"), alerted(1, 1, "a", "1000"), picked_up(3, "c")}) ==
        std::vector<std::string>{"INV-PICKUP"});
  // Pickup switched off for 2000 (a profile's group-calls setting).
  const TraceEvent pickup_off = TraceEvent::of(2 * kUsPerSecond, TraceKind::GroupMember,
                                               {.about = TraceAbout::Group, .line = "2000", .group = "sales", .reason = "pickup off"});
  CHECK(pickup_codes({offered(1, "sales"), pickup_off, picked_up(3, "b")}) == std::vector<std::string>{"INV-PICKUP"});
}
