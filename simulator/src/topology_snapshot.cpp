// Sections: writing · reading. Keys are written in a fixed order (ordered_json)
// so that equal topologies give equal text.
#include "pbxsim/simulator/topology_snapshot.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace pbxsim {
namespace {

using Json = nlohmann::ordered_json;

// "" none, "voicemail", "line:1000", "external:+4930..." (unambiguous, unlike describe()).
std::string target_text(const Target& target) {
  switch (target.kind) {
    case Target::Kind::None: return "";
    case Target::Kind::Voicemail: return "voicemail";
    case Target::Kind::Line: return "line:" + target.number;
    case Target::Kind::External: return "external:" + target.number;
  }
  return "";
}

Target target_from_text(const std::string& text) {
  if (text == "voicemail") return Target::voicemail();
  if (text.rfind("line:", 0) == 0) return Target::line(text.substr(5));
  if (text.rfind("external:", 0) == 0) return Target::external(text.substr(9));
  return Target::none();
}

std::string_view behaviour_name(ExternalSpec::Behaviour behaviour) {
  switch (behaviour) {
    case ExternalSpec::Behaviour::Answer: return "answer";
    case ExternalSpec::Behaviour::Busy: return "busy";
    case ExternalSpec::Behaviour::Unreachable: return "unreachable";
    case ExternalSpec::Behaviour::NoAnswer: return "no-answer";
  }
  return "answer";
}

ExternalSpec::Behaviour behaviour_from_name(std::string_view name) {
  for (auto behaviour : {ExternalSpec::Behaviour::Answer, ExternalSpec::Behaviour::Busy,
                         ExternalSpec::Behaviour::Unreachable, ExternalSpec::Behaviour::NoAnswer}) {
    if (behaviour_name(behaviour) == name) return behaviour;
  }
  return ExternalSpec::Behaviour::Answer;
}

Json appearances_json(const std::vector<AppearanceSpec>& appearances) {
  Json list = Json::array();
  for (const AppearanceSpec& appearance : appearances) {
    list.push_back(Json{{"line", appearance.line},
                        {"max_calls", appearance.max_calls},
                        {"busy_trigger", appearance.busy_trigger}});
  }
  return list;
}

std::vector<AppearanceSpec> appearances_from(const Json& list) {
  std::vector<AppearanceSpec> appearances;
  for (const Json& item : list) {
    appearances.push_back(AppearanceSpec{item.at("line").get<std::string>(), item.value("max_calls", 4),
                                         item.value("busy_trigger", 2)});
  }
  return appearances;
}

// The profiles a user can select: the policy's defaults offered to their
// roles, then their own, each name once.
std::vector<std::string> profile_names(const Topology& topology, const UserSpec& user) {
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const ProfileSpec& profile : topology.profile_rules.defaults) {
    if (profile_offered_to(profile, user.profiles.get().roles)) add(profile.name);
  }
  for (const ProfileSpec& profile : topology.profiles) {
    if (profile_offered_to(profile, user.profiles.get().roles)) add(profile.name);
  }
  for (const ProfileSpec& profile : user.profiles.get().personal) add(profile.name);
  return names;
}

}  // namespace

// ----------------------------------------------------------------------- writing

std::string topology_snapshot(const Topology& topology) {
  Json users = Json::array();
  for (const UserSpec& user : topology.users) {
    users.push_back(Json{{"id", user.id},
                         {"mode", std::string(user_mode_name(user.mode))},
                         {"initial_profile", user.profiles.get().initial},
                         {"profiles", profile_names(topology, user)}});
  }
  Json devices = Json::array();
  for (const DeviceSpec& device : topology.devices) {
    devices.push_back(Json{{"name", device.name},
                           {"kind", std::string(device_kind_name(device.kind))},
                           {"owner", device.owner},
                           {"also_users", device.also_users},
                           {"lines", appearances_json(device.appearances)},
                           {"register_at_start", device.registration.at_start},
                           {"lifetime_us", device.registration.lifetime_us},
                           {"extension_mobility", device.extension_mobility},
                           {"model", device.model}});
  }
  Json lines = Json::array();
  for (const LineSpec& line : topology.lines) {
    lines.push_back(Json{{"number", line.number},
                         {"cfa", target_text(line.forward_all)},
                         {"cfb", target_text(line.forward_busy)},
                         {"cfna", target_text(line.forward_no_answer)},
                         {"no_answer_us", line.no_answer_timeout_us},
                         {"user", line.user}});
  }
  Json groups = Json::array();
  for (const GroupSpec& group : topology.groups) {
    Json members = Json::array();
    for (const GroupMemberSpec& member : group.members) {
      members.push_back(Json{{"line", member.line}, {"logged_in", member.logged_in}, {"paused", member.paused}});
    }
    groups.push_back(Json{{"name", group.name},
                          {"number", group.number},
                          {"strategy", std::string(group_strategy_name(group.strategy))},
                          {"members", std::move(members)},
                          {"overflow", target_text(group.overflow)}});
  }
  Json device_profiles = Json::array();
  for (const DeviceProfileSpec& profile : topology.device_profiles) {
    device_profiles.push_back(Json{{"name", profile.name},
                                   {"user", profile.user},
                                   {"model", profile.model},
                                   {"lines", appearances_json(profile.appearances)}});
  }
  Json externals = Json::array();
  for (const ExternalSpec& external : topology.externals) {
    externals.push_back(Json{{"number", external.number}, {"behaviour", std::string(behaviour_name(external.behaviour))}});
  }
  const Json snapshot{{"hop_limit", topology.hop_limit},
                      {"initial_profile", topology.profile_rules.initial},
                      {"users", std::move(users)},
                      {"devices", std::move(devices)},
                      {"lines", std::move(lines)},
                      {"groups", std::move(groups)},
                      {"device_profiles", std::move(device_profiles)},
                      {"externals", std::move(externals)}};
  return json_text(snapshot);
}

// ----------------------------------------------------------------------- reading

std::variant<Topology, std::string> topology_from_snapshot(const std::string& text) {
  const Json snapshot = Json::parse(text, nullptr, false);
  if (!snapshot.is_object()) return std::string("the topology snapshot is not a JSON object");
  Topology topology;
  try {
    topology.hop_limit = snapshot.value("hop_limit", 8);
    topology.profile_rules.initial = snapshot.value("initial_profile", std::string());
    for (const Json& item : snapshot.value("users", Json::array())) {
      UserSpec user;
      user.id = item.at("id").get<std::string>();
      user.mode = parse_user_mode(item.value("mode", std::string())).value_or(UserMode::SoftPhone);
      user.profiles.edit().initial = item.value("initial_profile", std::string());
      // The names stand as the user's own profiles: snapshotting again lists them the same.
      for (const Json& name : item.value("profiles", Json::array())) {
        ProfileSpec profile;
        profile.name = name.get<std::string>();
        user.profiles.edit().personal.push_back(std::move(profile));
      }
      topology.users.push_back(std::move(user));
    }
    for (const Json& item : snapshot.value("devices", Json::array())) {
      DeviceSpec device;
      device.name = item.at("name").get<std::string>();
      device.kind = parse_device_kind(item.value("kind", std::string())).value_or(DeviceKind::DeskPhone);
      device.owner = item.value("owner", std::string());
      device.also_users = item.value("also_users", std::vector<std::string>());
      device.appearances = appearances_from(item.value("lines", Json::array()));
      device.registration.at_start = item.value("register_at_start", true);
      device.registration.lifetime_us = item.value("lifetime_us", TimeUs{0});
      device.extension_mobility = item.value("extension_mobility", false);
      device.model = item.value("model", std::string());
      topology.devices.push_back(std::move(device));
    }
    for (const Json& item : snapshot.value("lines", Json::array())) {
      LineSpec line;
      line.number = item.at("number").get<std::string>();
      line.forward_all = target_from_text(item.value("cfa", std::string()));
      line.forward_busy = target_from_text(item.value("cfb", std::string()));
      line.forward_no_answer = target_from_text(item.value("cfna", std::string()));
      line.no_answer_timeout_us = item.value("no_answer_us", line.no_answer_timeout_us);
      line.user = item.value("user", std::string());
      topology.lines.push_back(std::move(line));
    }
    for (const Json& item : snapshot.value("groups", Json::array())) {
      GroupSpec group;
      group.name = item.at("name").get<std::string>();
      group.number = item.value("number", std::string());
      group.strategy = parse_group_strategy(item.value("strategy", std::string())).value_or(GroupStrategy::RingAll);
      for (const Json& member : item.value("members", Json::array())) {
        group.members.push_back(GroupMemberSpec{member.at("line").get<std::string>(), member.value("logged_in", true),
                                                member.value("paused", false)});
      }
      group.overflow = target_from_text(item.value("overflow", std::string()));
      topology.groups.push_back(std::move(group));
    }
    for (const Json& item : snapshot.value("device_profiles", Json::array())) {
      DeviceProfileSpec profile;
      profile.name = item.at("name").get<std::string>();
      profile.user = item.value("user", std::string());
      profile.model = item.value("model", std::string());
      profile.appearances = appearances_from(item.value("lines", Json::array()));
      topology.device_profiles.push_back(std::move(profile));
    }
    for (const Json& item : snapshot.value("externals", Json::array())) {
      topology.externals.push_back(
          ExternalSpec{item.at("number").get<std::string>(), behaviour_from_name(item.value("behaviour", std::string()))});
    }
  } catch (const Json::exception& error) {
    return std::string("the topology snapshot is damaged: ") + error.what();
  }
  return topology;
}

}  // namespace pbxsim
