// Provisioning validation (CUC-1, CUC-11, CUC-12, CUC-18, CUC-19) with a
// C++ policy that derives soft-phone names the way Unified CM's client does.
#include <catch2/catch.hpp>

#include <cctype>

#include "pbxsim/engine/directory.h"
#include "pbxsim/engine/neutral_policy.h"
#include "pbxsim/engine/provisioning.h"

using namespace pbxsim;

namespace {

class UpcNames final : public Policy {
 public:
  std::string_view name() const override { return "upc-names"; }
  AppearanceDecision decide_appearance(const AppearanceFacts& facts) override { return neutral_.decide_appearance(facts); }
  DivertDecision when_none_alerted(const LineFacts& facts) override { return neutral_.when_none_alerted(facts); }
  DivertDecision when_no_answer(const LineFacts& facts) override { return neutral_.when_no_answer(facts); }
  RegistrationOverflow when_registrations_full(const RegistrationFacts& facts) override {
    return neutral_.when_registrations_full(facts);
  }
  std::vector<DndChange> propagate_dnd(const DndFacts& facts) override { return neutral_.propagate_dnd(facts); }
  GroupMemberDecision decide_group_member(const GroupMemberFacts& facts) override {
    return neutral_.decide_group_member(facts);
  }
  ProfileChangeDecision decide_profile_change(const ProfileChangeFacts& facts) override {
    return neutral_.decide_profile_change(facts);
  }
  std::optional<std::string> softphone_device_name(std::string_view user) override {
    std::string name;
    for (char c : user) {
      if (std::isalnum(static_cast<unsigned char>(c)) != 0) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return "UPC" + name.substr(0, 12);
  }

 private:
  NeutralPolicy neutral_;
};

Topology users_with_soft_phones(std::initializer_list<const char*> users) {
  Topology topology;
  int number = 1000;
  for (const char* id : users) {
    UserSpec user;
    user.id = id;
    topology.users.push_back(user);
    LineSpec line;
    line.number = std::to_string(number++);
    topology.lines.push_back(line);
    DeviceSpec soft;
    soft.name = std::string("soft_") + id;
    soft.kind = DeviceKind::SoftPhone;
    soft.owner = id;
    soft.appearances.push_back({line.number, 4, 2});
    topology.devices.push_back(soft);
  }
  return topology;
}

}  // namespace

TEST_CASE("provisioning: distinct derived soft-phone names pass, colliding ones are an error", "[engine][provisioning]") {
  UpcNames policy;
  CHECK(validate_provisioning(users_with_soft_phones({"jjackson", "john.jackson"}), policy).empty());
  const auto errors = validate_provisioning(users_with_soft_phones({"johnnie_jackson", "johnniejackson"}), policy);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "devices.soft_johnniejackson");
  CHECK(errors[0].message.find("UPCJOHNNIEJACKS") != std::string::npos);
}

TEST_CASE("provisioning: licence units beyond the authorised ones are refused at the item that crosses", "[engine][provisioning]") {
  UpcNames policy;
  Topology topology = users_with_soft_phones({"alice", "bob"});
  topology.provisioning.units_softphone = 3;
  topology.licences = {true, 5};
  const auto errors = validate_provisioning(topology, policy);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "devices.soft_bob");
  topology.licences.authorised = 6;
  CHECK(validate_provisioning(topology, policy).empty());
}

TEST_CASE("provisioning: secondaries are soft phones, at most the policy's number per desk-phone primary", "[engine][provisioning]") {
  UpcNames policy;
  Topology topology = users_with_soft_phones({"a", "b", "c"});
  DeviceSpec desk;
  desk.name = "desk";
  topology.devices.push_back(desk);
  for (DeviceSpec& device : topology.devices) {
    if (device.kind == DeviceKind::SoftPhone) device.primary = "desk";
  }
  topology.provisioning.max_secondaries = 2;
  const auto errors = validate_provisioning(topology, policy);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "devices.soft_c.primary");
  topology.provisioning.max_secondaries = 0;  // no limit
  CHECK(validate_provisioning(topology, policy).empty());
}

TEST_CASE("directory: %%attribute%% in a photo template is replaced by the entry's value", "[engine][directory]") {
  DirectoryEntry entry;
  entry.attributes = {{"sAMAccountName", "JDOE01"}, {"uid", "johndoe"}};
  CHECK(expand_photo_template("http://host/photos/%%uid%%.jpg", entry) == "http://host/photos/johndoe.jpg");
  CHECK(expand_photo_template("http://h/%%sAMAccountName%%/%%uid%%", entry) == "http://h/JDOE01/johndoe");
  CHECK(expand_photo_template("http://h/%%missing%%.jpg", entry) == "http://h/.jpg");
  CHECK(expand_photo_template("no markers", entry) == "no markers");
}
