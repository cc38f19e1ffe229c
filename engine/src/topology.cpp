#include "pbxsim/engine/topology.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace pbxsim {

std::string_view device_kind_name(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::DeskPhone: return "deskphone";
    case DeviceKind::SoftPhone: return "softphone";
    case DeviceKind::Mobile: return "mobile";
  }
  return "deskphone";
}

std::string_view dnd_mode_name(DndMode mode) {
  switch (mode) {
    case DndMode::Off: return "off";
    case DndMode::RingerOff: return "ringer-off";
    case DndMode::Reject: return "reject";
  }
  return "off";
}

std::string_view user_mode_name(UserMode mode) {
  return mode == UserMode::SoftPhone ? "softphone" : "deskphone";
}

std::optional<DeviceKind> parse_device_kind(std::string_view text) {
  if (text == "deskphone") return DeviceKind::DeskPhone;
  if (text == "softphone") return DeviceKind::SoftPhone;
  if (text == "mobile") return DeviceKind::Mobile;
  return std::nullopt;
}

std::optional<DndMode> parse_dnd_mode(std::string_view text) {
  if (text == "off") return DndMode::Off;
  if (text == "ringer-off" || text == "ringer_off") return DndMode::RingerOff;
  if (text == "reject" || text == "call-reject") return DndMode::Reject;
  return std::nullopt;
}

std::optional<UserMode> parse_user_mode(std::string_view text) {
  if (text == "softphone") return UserMode::SoftPhone;
  if (text == "deskphone") return UserMode::DeskPhone;
  return std::nullopt;
}

std::string Target::describe() const {
  switch (kind) {
    case Kind::None: return "none";
    case Kind::Voicemail: return "voicemail";
    case Kind::Line: return number;
    case Kind::External: return "external " + number;
  }
  return "none";
}

Target parse_target_text(const std::string& text) {
  if (text == "none" || text.empty()) return Target::none();
  if (text == "voicemail") return Target::voicemail();
  if (text[0] == '+') return Target::external(text);
  return Target::line(text);
}

std::string user_key(std::string_view id) {
  std::string key(id);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

void validate_appearances(const std::vector<AppearanceSpec>& appearances, const std::string& base,
                          const std::string& where, const std::set<std::string>& line_numbers,
                          std::vector<TopologyError>& errors) {
  std::set<std::string> seen_lines;
  for (std::size_t i = 0; i < appearances.size(); ++i) {
    const AppearanceSpec& appearance = appearances[i];
    const std::string path = base + ".lines[" + std::to_string(i + 1) + "]";
    if (!line_numbers.count(appearance.line)) {
      errors.push_back({path, "unknown line '" + appearance.line + "' (declare it under lines)"});
    }
    if (!seen_lines.insert(appearance.line).second) {
      errors.push_back({path, "line " + appearance.line + " appears twice " + where});
    }
    if (appearance.max_calls < 1 || appearance.max_calls > 200) {
      errors.push_back({path + ".max_calls", "max_calls must be from 1 to 200, not " + std::to_string(appearance.max_calls)});
    }
    if (appearance.busy_trigger < 1 || appearance.busy_trigger > appearance.max_calls) {
      errors.push_back({path + ".busy_trigger", "busy_trigger must be from 1 to max_calls (" +
                                                    std::to_string(appearance.max_calls) + "), not " +
                                                    std::to_string(appearance.busy_trigger)});
    }
  }
}

std::vector<TopologyError> validate(const Topology& topology) {
  std::vector<TopologyError> errors;
  auto report = [&](std::string path, std::string message) {
    errors.push_back({std::move(path), std::move(message)});
  };

  std::set<std::string> user_keys;
  for (const UserSpec& user : topology.users) {
    if (!user_keys.insert(user_key(user.id)).second) {
      report("users." + user.id, "user '" + user.id +
                                     "' is declared twice (user IDs are not case-sensitive)");
    }
  }
  std::set<std::string> line_numbers;
  for (const LineSpec& line : topology.lines) {
    if (!line_numbers.insert(line.number).second) {
      report("lines." + line.number, "line " + line.number + " is declared twice");
    }
  }
  std::set<std::string> external_numbers;
  for (const ExternalSpec& external : topology.externals) external_numbers.insert(external.number);

  auto check_target = [&](const Target& target, const std::string& path) {
    if (target.kind == Target::Kind::Line && !line_numbers.count(target.number)) {
      report(path, "forward target '" + target.number +
                       "' is not a line of this topology (declare it under lines, write "
                       "\"voicemail\", or use an external number starting with '+')");
    }
  };
  for (const LineSpec& line : topology.lines) {
    const std::string base = "lines." + line.number;
    check_target(line.forward_all, base + ".cfa");
    check_target(line.forward_busy, base + ".cfb");
    check_target(line.forward_no_answer, base + ".cfna");
    if (line.no_answer_timeout_us <= 0) {
      report(base + ".no_answer", "the no-answer timer must be longer than 0s");
    }
    if (line.max_registrations < 0) {
      report(base + ".max_registrations", "max_registrations must be 0 (no limit) or more");
    }
    if (!line.user.empty() && !user_keys.count(user_key(line.user))) {
      report(base + ".user", "unknown user '" + line.user + "'");
    }
  }

  std::set<std::string> device_names;
  for (const DeviceSpec& device : topology.devices) {
    const std::string base = "devices." + device.name;
    if (!device_names.insert(device.name).second) {
      report(base, "device '" + device.name + "' is declared twice");
    }
    if (!device.owner.empty() && !user_keys.count(user_key(device.owner))) {
      report(base + ".owner", "unknown user '" + device.owner + "' (declare it under users)");
    }
    for (std::size_t i = 0; i < device.also_users.size(); ++i) {
      if (!user_keys.count(user_key(device.also_users[i]))) {
        report(base + ".users[" + std::to_string(i + 1) + "]",
               "unknown user '" + device.also_users[i] + "' (declare it under users)");
      }
    }
    validate_appearances(device.appearances, base, "on device " + device.name, line_numbers, errors);
    if (device.registration.lifetime_us < 0) {
      report(base + ".register", "a registration lifetime cannot be negative");
    }
  }
  if (topology.hop_limit < 1) report("hop_limit", "the hop limit must be at least 1");
  if (topology.max_events_per_instant < 1) report("max_events_per_instant", "must be at least 1");
  if (topology.max_events < 1) report("max_events", "must be at least 1");
  // Features validate their own parts (groups.cpp, profiles.cpp, pcm.cpp).
  validate_groups(topology, errors);
  validate_profiles(topology, errors);
  validate_pcm(topology, errors);
  validate_features(topology, errors);
  return errors;
}

}  // namespace pbxsim
