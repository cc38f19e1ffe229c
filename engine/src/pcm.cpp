// PCM configuration: the inheritance chain and validation. Sections: lookups
// and the chain · validation.
#include "pbxsim/engine/pcm.h"

#include <algorithm>
#include <set>

#include "pbxsim/engine/prng.h"
#include "pbxsim/engine/topology.h"
#include "pbxsim/engine/trace.h"

namespace pbxsim {

// ------------------------------------------------------- lookups and the chain

const PcmLine* PcmConfig::find_line(std::string_view number) const {
  for (const PcmLine& line : lines) {
    if (line.number == number) return &line;
  }
  return nullptr;
}

const InheritanceLevel* PcmConfig::find_profile(std::string_view name) const {
  for (std::size_t i = 0; i < profile_names.size(); ++i) {
    if (profile_names[i] == name) return &profiles[i];
  }
  return nullptr;
}

const PcmBusinessGroup* PcmConfig::find_business_group(std::string_view name) const {
  for (const PcmBusinessGroup& group : business_groups) {
    if (group.name == name) return &group;
  }
  return nullptr;
}

std::vector<const InheritanceLevel*> PcmConfig::chain(const PcmLine& line) const {
  // MS-2: "use default" is the system default for an Individual Line; for a
  // Business Group Line it is the Business Group's configuration, which may
  // itself come from the Business Group's profile.
  std::vector<const InheritanceLevel*> levels{&line.own};
  if (const InheritanceLevel* profile = find_profile(line.profile)) levels.push_back(profile);
  if (line.type == "business_group") {
    if (const PcmBusinessGroup* group = find_business_group(line.business_group)) {
      levels.push_back(&group->own);
      if (const InheritanceLevel* group_profile = find_profile(group->profile)) levels.push_back(group_profile);
    }
  }
  levels.push_back(&system);
  return levels;
}

ResolvedValue PcmConfig::resolve(const PcmLine& line, std::string_view field) const {
  return resolve_inherited(chain(line), field);
}

std::string pcm_key(std::string_view sip_domain, std::string_view password) {
  std::uint64_t hash = fnv1a64(sip_domain);
  hash = fnv1a64("\x1f", hash);
  hash = fnv1a64(password, hash);
  return format_hash(hash);
}

// ------------------------------------------------------------------ validation

namespace {

std::string described(const ResolvedValue& value) { return value.value + " (from " + value.source + ")"; }

}  // namespace

void validate_pcm(const PcmConfig& config, std::vector<TopologyError>& errors) {
  if (!config.present) return;
  auto report = [&](std::string path, std::string message) { errors.push_back({std::move(path), std::move(message)}); };

  for (const PcmBusinessGroup& group : config.business_groups) {
    if (!group.profile.empty() && !config.find_profile(group.profile)) {
      report("pcm.business_groups." + group.name + ".profile",
             "unknown persistent profile '" + group.profile + "' (declare it under pcm.profiles)");
    }
  }
  std::set<std::string> numbers;
  for (const PcmLine& line : config.lines) {
    const std::string base = "pcm.lines." + line.number;
    if (!numbers.insert(line.number).second) report(base, "line " + line.number + " is listed twice");
    // MS-3: line types PCM does not apply to.
    bool excluded = false;
    for (const auto& [type, name] : config.rules.excluded_line_types) {
      if (line.type == type) {
        report(base + ".type", "PCM does not apply to a " + name + " (line " + line.number + ")");
        excluded = true;
      }
    }
    if (excluded) continue;
    if (line.type != "individual" && line.type != "business_group") {
      std::string known = "individual, business_group";
      for (const auto& entry : config.rules.excluded_line_types) known += ", " + entry.first;
      report(base + ".type", "unknown line type '" + line.type + "' (" + known + ")");
      continue;
    }
    if (line.type == "business_group" && !config.find_business_group(line.business_group)) {
      report(base + ".business_group", line.business_group.empty()
                                           ? "a Business Group Line names its business_group"
                                           : "unknown Business Group '" + line.business_group + "'");
      continue;
    }
    if (line.type == "individual" && !line.business_group.empty()) {
      report(base + ".business_group", "an Individual Line has no Business Group (type = \"business_group\"?)");
    }
    if (!line.profile.empty() && !config.find_profile(line.profile)) {
      report(base + ".profile", "unknown persistent profile '" + line.profile + "' (declare it under pcm.profiles)");
      continue;
    }

    // Every field must resolve to a valid value.
    std::vector<ResolvedValue> values;
    bool complete = true;
    for (std::string_view field : kPcmFields) {
      values.push_back(config.resolve(line, field));
      if (!values.back().found) {
        report(base, "line " + line.number + ": no value for " + std::string(field) +
                         " anywhere in its chain (give pcm.system a default)");
        complete = false;
      }
    }
    if (!complete) continue;
    const ResolvedValue& subscribed = values[0];
    const ResolvedValue& level = values[1];
    const ResolvedValue& domain = values[2];
    const ResolvedValue& model = values[3];
    const ResolvedValue& registrations = values[4];
    if (subscribed.value != "yes" && subscribed.value != "no") {
      report(subscribed.path, "subscribed must be yes or no, not '" + subscribed.value + "'");
      continue;
    }
    int max_registrations = 0;
    try {
      max_registrations = std::stoi(registrations.value);
    } catch (const std::exception&) {
      max_registrations = 0;
    }
    if (max_registrations < 1) {
      report(registrations.path, "max_registrations must be a whole number from 1, not '" + registrations.value + "'");
      continue;
    }
    const bool is_subscribed = subscribed.value == "yes";
    // MS-4: PCM and multiple registrations exclude each other.
    if (is_subscribed && config.rules.single_registration && max_registrations > 1) {
      report(registrations.path, "line " + line.number + ": PCM subscribed = " + described(subscribed) +
                                     " with maximum simultaneous registrations = " + described(registrations) +
                                     ": PCM cannot be used by a subscriber who may register more than once");
    }
    const auto service_level = std::find_if(config.service_levels.begin(), config.service_levels.end(),
                                            [&](const PcmServiceLevel& entry) { return entry.name == level.value; });
    if (service_level == config.service_levels.end()) {
      std::string known;
      for (const PcmServiceLevel& entry : config.service_levels) known += (known.empty() ? "" : ", ") + entry.name;
      report(level.path, "line " + line.number + ": unknown service level " + described(level) + " (service levels: " +
                             (known.empty() ? "none configured" : known) + ")");
    } else if (is_subscribed &&
               std::find(service_level->domains.begin(), service_level->domains.end(), domain.value) ==
                   service_level->domains.end()) {
      // MS-5: the SIP domain must be licensed for the service level.
      std::string licensed;
      for (const std::string& entry : service_level->domains) licensed += (licensed.empty() ? "" : ", ") + entry;
      report(domain.path, "line " + line.number + ": SIP domain " + described(domain) +
                              " is not licensed for service level " + described(level) + " (licensed: " +
                              (licensed.empty() ? "none" : licensed) + ")");
    }
    const bool model_known =
        model.value == config.rules.derived_model ||
        std::any_of(config.gateway_models.begin(), config.gateway_models.end(),
                    [&](const PcmGatewayModel& entry) { return entry.name == model.value; });
    if (!model_known) {
      std::string known;
      for (const PcmGatewayModel& entry : config.gateway_models) known += entry.name + ", ";
      report(model.path, "line " + line.number + ": unknown media gateway model " + described(model) +
                             " (models: " + known + config.rules.derived_model + ")");
    }
  }
}

void validate_pcm(const Topology& topology, std::vector<TopologyError>& errors) {
  validate_pcm(topology.pcm, errors);
  if (!topology.pcm.present) return;
  std::set<std::string> lines;
  for (const LineSpec& line : topology.lines) lines.insert(line.number);
  for (const PcmLine& line : topology.pcm.lines) {
    if (!lines.count(line.number)) {
      errors.push_back({"pcm.lines." + line.number, "unknown line '" + line.number + "' (declare it under lines)"});
    }
  }
}

}  // namespace pbxsim
