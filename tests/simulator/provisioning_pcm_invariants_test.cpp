// The provisioning, licence and PCM invariants on traces written by hand:
// each must be able to fail. The explorer's broken policies cover the ones a
// policy can break (INV-SOFTPHONE-NAME, INV-PCM-GATEWAY); licence counting,
// deleting a primary phone and PCM connections are the engine's alone.
#include <catch2/catch.hpp>

#include "pbxsim/simulator/testing/invariants.h"

using namespace pbxsim;

namespace {

// Unified CM's prices: a desk phone with one secondary soft phone, bob's own
// soft phone, alice with the client; a pool of 8 units (2 + 1 + 3 + 2 spare).
Topology licensed_office() {
  Topology topology;
  topology.provisioning.units_cup = 1;
  topology.provisioning.units_cupc = 1;
  topology.provisioning.units_softphone = 3;
  topology.provisioning.units_secondary_softphone = 1;
  topology.licences = LicenceSpec{true, 8};
  UserSpec alice;
  alice.id = "alice";
  alice.presence.cup = alice.presence.cupc = true;
  topology.users.push_back(alice);
  DeviceSpec desk;
  desk.name = "desk";
  DeviceSpec secondary;
  secondary.name = "secondary";
  secondary.kind = DeviceKind::SoftPhone;
  secondary.primary = "desk";
  DeviceSpec soft;
  soft.name = "soft";
  soft.kind = DeviceKind::SoftPhone;
  soft.owner = "bob";
  topology.devices = {desk, secondary, soft};
  return topology;
}

TraceEvent deleted(TimeUs at_s, const char* device, std::int64_t units_after) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Provisioning,
                        {.about = TraceAbout::Device, .device = device, .reason = "deleted", .count = units_after});
}
TraceEvent delete_refused(TimeUs at_s, const char* device) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Provisioning,
                        {.about = TraceAbout::Device, .device = device, .reason = "delete-refused"});
}

std::vector<std::string> codes(const Topology& topology, const std::vector<TraceEvent>& trace,
                               const std::vector<CallRecord>& calls = {}) {
  std::vector<std::string> found;
  for (const InvariantViolation& violation : check_invariants(RunObservation{topology, trace, calls, false})) {
    found.push_back(violation.code);
  }
  return found;
}

}  // namespace

TEST_CASE("invariants: licence units beyond the pool, or a deletion that gives back the wrong units, are INV-LICENCE-POOL",
          "[invariants]") {
  const Topology office = licensed_office();  // 6 units used of 8
  CHECK(codes(office, {}).empty());
  CHECK(codes(office, {deleted(1, "secondary", 5), deleted(2, "desk", 5), deleted(3, "soft", 2)}).empty());
  CHECK(codes(office, {deleted(1, "soft", 6)}) == std::vector<std::string>{"INV-LICENCE-POOL"});  // nothing given back
  CHECK(codes(office, {deleted(1, "secondary", 3)}) == std::vector<std::string>{"INV-LICENCE-POOL"});  // too much
  Topology tight = office;
  tight.licences.authorised = 5;  // loaded though CUC-12 counts 6
  CHECK(codes(tight, {}) == std::vector<std::string>{"INV-LICENCE-POOL"});
  tight.licences.declared = false;  // no pool: nothing is over it
  CHECK(codes(tight, {}).empty());
}

TEST_CASE("invariants: a primary phone deleted while its secondary remains, or refused with none left, is "
          "INV-PRIMARY-DELETE",
          "[invariants]") {
  const Topology office = licensed_office();
  CHECK(codes(office, {delete_refused(1, "desk"), deleted(2, "secondary", 5), deleted(3, "desk", 5)}).empty());
  CHECK(codes(office, {deleted(1, "desk", 6)}) == std::vector<std::string>{"INV-PRIMARY-DELETE"});
  CHECK(codes(office, {deleted(1, "secondary", 5), delete_refused(2, "desk")}) ==
        std::vector<std::string>{"INV-PRIMARY-DELETE"});
}

TEST_CASE("invariants: a soft phone named as CUC-1 derives it that its user's client does not find is "
          "INV-SOFTPHONE-NAME",
          "[invariants]") {
  Topology topology;
  DeviceSpec soft;
  soft.name = "pc";
  soft.kind = DeviceKind::SoftPhone;
  soft.owner = "johnnie_jackson";
  soft.device_name = "UPCJOHNNIEJACKS";  // CUC-1's own example
  topology.devices.push_back(soft);
  const TraceEvent mismatch = TraceEvent::of(0, TraceKind::Provisioning,
                                             {.about = TraceAbout::Device, .device = "pc", .reason = "name-mismatch"});
  CHECK(codes(topology, {}).empty());
  CHECK(codes(topology, {mismatch}) == std::vector<std::string>{"INV-SOFTPHONE-NAME"});
  topology.devices.front().device_name = "UPCJOHNNIEJACKSON";  // not CUC-1's name: the client may well miss it
  CHECK(codes(topology, {mismatch}).empty());
}

namespace {

// Line 1000 (Business Group Line) subscribes through its Business Group's
// profile; line 1001 (Individual Line) uses the system default "no".
Topology pcm_office() {
  Topology topology;
  PcmConfig& pcm = topology.pcm;
  pcm.present = true;
  pcm.system = InheritanceLevel{"system default", "pcm.system", {{"subscribed", "no"}, {"gateway_model", "Generic SIP"}}};
  pcm.gateway_models = {PcmGatewayModel{"Generic SIP", ""}, PcmGatewayModel{"CounterPath Bria", "Bria"}};
  pcm.profile_names = {"office"};
  pcm.profiles = {InheritanceLevel{"profile office", "pcm.profiles.office", {{"subscribed", "yes"}}}};
  pcm.business_groups = {PcmBusinessGroup{"bg", "office", InheritanceLevel{"business group bg", "", {{"gateway_model", "CounterPath Bria"}}}}};
  pcm.lines = {PcmLine{"1000", "business_group", "", "bg", "pw", {}}, PcmLine{"1001", "individual", "", "", "pw", {}}};
  return topology;
}

TraceEvent pcm_connect(TimeUs at_s, const char* line, bool connected) {
  return TraceEvent::of(at_s * kUsPerSecond, connected ? TraceKind::Pcm : TraceKind::PcmRefused,
                        {.about = TraceAbout::Line, .line = line, .reason = connected ? "connected" : "connect-refused"});
}
TraceEvent offered(TimeUs at_s, CallId call, const char* line) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::CallOffered, {.about = TraceAbout::Call, .call = call, .line = line});
}
TraceEvent gateway(TimeUs at_s, CallId call, const char* line, const char* model) {
  return TraceEvent::of(at_s * kUsPerSecond, TraceKind::Pcm,
                        {.about = TraceAbout::Call, .call = call, .line = line, .reason = "gateway-model", .target = model});
}
std::vector<CallRecord> calls(int count) {
  std::vector<CallRecord> records(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) records[static_cast<std::size_t>(i)].id = static_cast<CallId>(i + 1);
  return records;
}

}  // namespace

TEST_CASE("invariants: a PCM that connects unsubscribed, or is refused subscribed, is INV-PCM-CONNECT", "[invariants]") {
  const Topology office = pcm_office();
  CHECK(codes(office, {pcm_connect(1, "1000", true), pcm_connect(2, "1001", false), pcm_connect(3, "2000", false)}).empty());
  CHECK(codes(office, {pcm_connect(1, "1001", true)}) == std::vector<std::string>{"INV-PCM-CONNECT"});
  CHECK(codes(office, {pcm_connect(1, "1000", false)}) == std::vector<std::string>{"INV-PCM-CONNECT"});
  CHECK(codes(office, {pcm_connect(1, "2000", true)}) == std::vector<std::string>{"INV-PCM-CONNECT"});  // no PCM at all
}

TEST_CASE("invariants: a call with another media gateway model than its first PCM line's, or two, is INV-PCM-GATEWAY",
          "[invariants]") {
  const Topology office = pcm_office();
  // Call 1 reaches 1000 (Business Group model), forwards to 1001: keeps it. Call 2 reaches 1001 only: none.
  CHECK(codes(office, {offered(1, 1, "1000"), gateway(1, 1, "1000", "CounterPath Bria"), offered(2, 1, "1001"),
                       offered(3, 2, "1001")},
              calls(2))
            .empty());
  CHECK(codes(office, {offered(1, 1, "1000"), gateway(1, 1, "1000", "Generic SIP")}, calls(1)) ==
        std::vector<std::string>{"INV-PCM-GATEWAY"});  // the system's, not the Business Group's (MS-2)
  CHECK(codes(office, {offered(1, 1, "1000")}, calls(1)) == std::vector<std::string>{"INV-PCM-GATEWAY"});
  CHECK(codes(office, {offered(1, 1, "1000"), gateway(1, 1, "1000", "CounterPath Bria"),
                       gateway(5, 1, "1000", "CounterPath Bria")},
              calls(1)) == std::vector<std::string>{"INV-PCM-GATEWAY"});  // a second model mid-call (MS-6)
  CHECK(codes(office, {offered(1, 1, "1001"), gateway(1, 1, "1001", "Generic SIP")}, calls(1)) ==
        std::vector<std::string>{"INV-PCM-GATEWAY"});  // unsubscribed
}
