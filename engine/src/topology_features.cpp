// Names of the feature enums, the directory's lookups, and validate_features():
// references and ranges of the sections in topology_features.h. The vendor
// limits (licences, adjunct phones, URL length, contact list size) are checked
// by validate_provisioning(), which needs the policy.
//
// Sections: names · directory · validation.
#include <algorithm>
#include <map>
#include <set>

#include "pbxsim/engine/topology.h"

namespace pbxsim {

// ------------------------------------------------------------------------- names

std::string_view calling_restriction_name(CallingRestriction restriction) {
  return restriction == CallingRestriction::InternalOnly ? "internal" : "none";
}

std::optional<CallingRestriction> parse_calling_restriction(std::string_view text) {
  if (text == "none") return CallingRestriction::None;
  if (text == "internal") return CallingRestriction::InternalOnly;
  return std::nullopt;
}

std::string_view multiple_login_name(MultipleLogin behaviour) {
  switch (behaviour) {
    case MultipleLogin::Allowed: return "allowed";
    case MultipleLogin::NotAllowed: return "not-allowed";
    case MultipleLogin::AutoLogout: return "auto-logout";
  }
  return "not-allowed";
}

std::optional<MultipleLogin> parse_multiple_login(std::string_view text) {
  if (text == "allowed") return MultipleLogin::Allowed;
  if (text == "not-allowed") return MultipleLogin::NotAllowed;
  if (text == "auto-logout") return MultipleLogin::AutoLogout;
  return std::nullopt;
}

std::string_view server_kind_name(ServerKind kind) {
  switch (kind) {
    case ServerKind::Presence: return "presence";
    case ServerKind::Tftp: return "tftp";
    case ServerKind::Ldap: return "ldap";
    case ServerKind::Cti: return "cti";
  }
  return "presence";
}

std::optional<ServerKind> parse_server_kind(std::string_view text) {
  if (text == "presence") return ServerKind::Presence;
  if (text == "tftp") return ServerKind::Tftp;
  if (text == "ldap") return ServerKind::Ldap;
  if (text == "cti") return ServerKind::Cti;
  return std::nullopt;
}

// --------------------------------------------------------------------- directory

namespace {

const std::string* find_pair(const std::vector<std::pair<std::string, std::string>>& pairs, std::string_view key) {
  for (const auto& [name, value] : pairs) {
    if (name == key) return &value;
  }
  return nullptr;
}

}  // namespace

const std::string* DirectoryEntry::find(std::string_view attribute) const {
  const std::string* value = find_pair(attributes, attribute);
  return value != nullptr && !value->empty() ? value : nullptr;
}

const std::string* DirectorySpec::mapped(std::string_view field) const {
  const std::string* value = find_pair(attribute_map, field);
  return value != nullptr && !value->empty() ? value : nullptr;
}

const std::vector<std::string>& directory_fields() {
  static const std::vector<std::string> fields = {"BusinessPhone", "DisplayName", "Email",    "FirstName",
                                                  "HomePhone",     "LastName",    "MobilePhone", "Nickname",
                                                  "Photo",         "Title",       "UserID"};
  return fields;
}

// The seed names jpegPhoto as the client's default photo attribute; the
// other defaults are the common LDAP names, so a scenario maps only what its
// directory does differently.
std::vector<std::pair<std::string, std::string>> default_attribute_map() {
  return {{"BusinessPhone", "telephoneNumber"}, {"FirstName", "givenName"}, {"LastName", "sn"},
          {"Photo", "jpegPhoto"}, {"UserID", "uid"}};
}

// -------------------------------------------------------------------- validation

void validate_features(const Topology& topology, std::vector<TopologyError>& errors) {
  auto report = [&](std::string path, std::string message) {
    errors.push_back({std::move(path), std::move(message)});
  };
  std::set<std::string> user_keys;
  for (const UserSpec& user : topology.users) user_keys.insert(user_key(user.id));
  std::set<std::string> lines;
  for (const LineSpec& line : topology.lines) lines.insert(line.number);
  std::map<std::string, const DeviceSpec*> devices;
  for (const DeviceSpec& device : topology.devices) devices.emplace(device.name, &device);

  // Call park: its numbers are dialed, so each is unique and no line's or group's.
  std::set<std::string> park_numbers;
  for (std::size_t i = 0; i < topology.call_park.numbers.size(); ++i) {
    const std::string& number = topology.call_park.numbers[i];
    const std::string path = "call_park.numbers[" + std::to_string(i + 1) + "]";
    if (number.empty()) report(path, "a park number cannot be empty");
    if (!park_numbers.insert(number).second) report(path, "park number " + number + " is listed twice");
    if (lines.count(number)) report(path, "park number " + number + " is also a line: pick a free range");
    for (const GroupSpec& group : topology.groups) {
      if (group.number == number) report(path, "park number " + number + " is also group " + group.name + "'s number");
    }
  }
  if (topology.call_park.reversion_us <= 0) report("call_park.reversion", "the reversion timer must be longer than 0s");

  // Device profiles (EM-4, EM-8).
  std::map<std::string, std::string> profile_owner;  // profile -> user key
  for (const DeviceProfileSpec& profile : topology.device_profiles) {
    const std::string base = "device_profiles." + profile.name;
    if (!profile_owner.emplace(profile.name, user_key(profile.user)).second) {
      report(base, "device profile '" + profile.name + "' is declared twice");
    }
    if (profile.user.empty()) report(base, "a device profile needs user = \"...\" (whose profile it is)");
    else if (!user_keys.count(user_key(profile.user))) report(base + ".user", "unknown user '" + profile.user + "'");
    validate_appearances(profile.appearances, base, "in the profile", lines, errors);
  }

  // Users: default profile, headsets, contacts, clients.
  std::map<std::string, std::string> headsets;
  std::map<std::string, std::string> servers;  // name -> kind
  for (const ServerSpec& server : topology.servers) {
    const std::string path = "servers." + server.name;
    if (!servers.emplace(server.name, std::string(server_kind_name(server.kind))).second) {
      report(path, "server '" + server.name + "' is declared twice");
    }
    if (devices.count(server.name) || user_keys.count(user_key(server.name))) {
      report(path, "server '" + server.name + "' has the name of a device or user: stimuli could not tell them apart");
    }
  }
  const std::string* userid_attribute = topology.directory.mapped("UserID");
  std::set<std::string> directory_ids;
  for (std::size_t i = 0; i < topology.directory.entries.size(); ++i) {
    const DirectoryEntry& entry = topology.directory.entries[i];
    const std::string path = "directory.entries[" + std::to_string(i + 1) + "]";
    const std::string* id = userid_attribute != nullptr ? entry.find(*userid_attribute) : nullptr;
    if (id == nullptr) {
      report(path, "an entry needs the UserID attribute '" + (userid_attribute ? *userid_attribute : std::string("?")) +
                       "' (the attribute map's UserID)");
    } else if (!directory_ids.insert(*id).second) {
      report(path, "directory user '" + *id + "' appears twice");
    }
  }
  for (const auto& [field, attribute] : topology.directory.attribute_map) {
    const auto& known = directory_fields();
    if (std::find(known.begin(), known.end(), field) == known.end()) {
      std::string list;
      for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
      report("directory.attribute_map." + field, "unknown client field '" + field + "' (" + list + ")");
    }
  }
  if (!topology.directory.entries.empty() && topology.directory.mapped("UserID") == nullptr) {
    report("directory.attribute_map.UserID", "UserID must be mapped: it ties a directory entry to a user");
  }

  for (const UserSpec& user : topology.users) {
    const std::string base = "users." + user.id;
    const UserMobilitySpec& mobility = user.mobility.get();
    if (!mobility.default_profile.empty()) {
      auto owner = profile_owner.find(mobility.default_profile);
      if (owner == profile_owner.end()) {
        report(base + ".default_profile", "unknown device profile '" + mobility.default_profile + "'");
      } else if (owner->second != user_key(user.id)) {
        report(base + ".default_profile", "device profile '" + mobility.default_profile + "' belongs to another user");
      }
    }
    if (!mobility.headset.empty() && !headsets.emplace(mobility.headset, user.id).second) {
      report(base + ".headset", "headset '" + mobility.headset + "' is already " + headsets[mobility.headset] + "'s");
    }
    for (std::size_t i = 0; i < user.presence.contacts.size(); ++i) {
      const ContactSpec& contact = user.presence.contacts[i];
      const std::string path = base + ".contacts[" + std::to_string(i + 1) + "]";
      if (!contact.id.empty() && !directory_ids.count(contact.id)) {
        report(path, "'" + contact.id + "' is not a directory entry (declare it under directory.entries)");
      }
      if (contact.id.empty() && contact.name.empty() && contact.first_name.empty() && contact.last_name.empty()) {
        report(path, "a contact needs a directory id, or a name for a contact not in the directory");
      }
    }
    const ClientSpec& client = user.presence.client.get();
    if (!client.present) continue;
    const std::string path = base + ".client";
    auto check_server = [&](const std::string& name, ServerKind kind, const std::string& field) {
      auto found = servers.find(name);
      if (found == servers.end()) {
        report(path + "." + field, "unknown server '" + name + "' (declare it under servers)");
      } else if (found->second != server_kind_name(kind)) {
        report(path + "." + field, "server '" + name + "' is of kind " + found->second + ", not " +
                                       std::string(server_kind_name(kind)));
      }
    };
    if (!client.home_node.empty()) check_server(client.home_node, ServerKind::Presence, "home");
    if (!client.secondary_node.empty()) check_server(client.secondary_node, ServerKind::Presence, "secondary");
    if (!client.login_node.empty()) check_server(client.login_node, ServerKind::Presence, "login");
    if (client.home_node.empty() && (!client.secondary_node.empty() || !client.login_node.empty())) {
      report(path + ".home", "a presence secondary or login node needs a home node");
    }
    for (const std::string& name : client.tftp) check_server(name, ServerKind::Tftp, "tftp");
    for (const std::string& name : client.ldap) check_server(name, ServerKind::Ldap, "ldap");
    for (const std::string& name : client.cti) check_server(name, ServerKind::Cti, "cti");
    if (!client.desk_phone.empty()) {
      auto device = devices.find(client.desk_phone);
      if (device == devices.end()) report(path + ".desk_phone", "unknown device '" + client.desk_phone + "'");
    } else if (!client.cti.empty()) {
      const bool has_desk = std::any_of(topology.devices.begin(), topology.devices.end(), [&](const DeviceSpec& d) {
        return d.kind == DeviceKind::DeskPhone && user_key(d.owner) == user_key(user.id);
      });
      if (!has_desk) report(path + ".cti", "CTI control needs a desk phone: give the user one, or set desk_phone");
    }
  }

  // Devices: model and adjunct references (the limits are the policy's).
  for (const DeviceSpec& device : topology.devices) {
    if (!device.primary.empty() && !devices.count(device.primary)) {
      report("devices." + device.name + ".primary", "unknown device '" + device.primary + "'");
    }
    if (device.primary == device.name) {
      report("devices." + device.name + ".primary", "a device cannot be its own primary");
    }
  }

  // Settings.
  const MobilitySettings& em = topology.extension_mobility;
  if (em.max_login_time_us <= 0) report("extension_mobility.max_login_time", "must be longer than 0s");
  if (em.inter_cluster_max_login_time_us <= 0) {
    report("extension_mobility.inter_cluster_max_login_time", "must be longer than 0s");
  }
  if (em.headset_sign_in_us < 0) report("extension_mobility.headset_sign_in", "cannot be negative");
  if (em.headset_auto_logout_us < 0) report("extension_mobility.headset_auto_logout", "cannot be negative");
  auto check_rules = [&](const std::vector<DialRule>& rules, const std::string& base) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const std::string path = base + "[" + std::to_string(i + 1) + "]";
      if (rules[i].remove < 0) report(path + ".remove", "cannot remove a negative number of digits");
      if (rules[i].length < 0) report(path + ".length", "a length is 0 (any) or more");
    }
  };
  check_rules(topology.dialing.application, "dialing.application");
  check_rules(topology.dialing.directory_lookup, "dialing.directory_lookup");
  if (topology.client_timing.cti_reconnect_us.empty()) {
    report("client_timing.cti_reconnect", "needs at least one interval");
  }
  for (TimeUs interval : topology.client_timing.cti_reconnect_us) {
    if (interval <= 0) report("client_timing.cti_reconnect", "every interval must be longer than 0s");
  }
}

}  // namespace pbxsim
