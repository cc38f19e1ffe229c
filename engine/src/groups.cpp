// Group configuration: strategy names and validation. The runtime (offering
// group calls, member state, pickup) is in group_calls.cpp.
#include "pbxsim/engine/groups.h"

#include <set>

#include "pbxsim/engine/topology.h"

namespace pbxsim {

std::string_view group_strategy_name(GroupStrategy strategy) {
  return strategy == GroupStrategy::RingAll ? "ring-all" : "hunt";
}

std::optional<GroupStrategy> parse_group_strategy(std::string_view text) {
  if (text == "ring-all" || text == "simultaneous") return GroupStrategy::RingAll;
  if (text == "hunt" || text == "in-order") return GroupStrategy::Hunt;
  return std::nullopt;
}

void validate_groups(const Topology& topology, std::vector<TopologyError>& errors) {
  std::set<std::string> lines;
  for (const LineSpec& line : topology.lines) lines.insert(line.number);
  std::set<std::string> devices;
  for (const DeviceSpec& device : topology.devices) devices.insert(device.name);
  std::set<std::string> names;
  std::set<std::string> numbers;
  for (const GroupSpec& group : topology.groups) {
    const std::string base = "groups." + group.name;
    if (!names.insert(group.name).second) errors.push_back({base, "group '" + group.name + "' is declared twice"});
    if (devices.count(group.name)) {
      errors.push_back({base, "group '" + group.name + "' has the name of a device: steps could not tell them apart"});
    }
    if (group.number.empty()) {
      errors.push_back({base + ".number", "a group needs the number callers dial (number = \"600\")"});
    } else if (lines.count(group.number)) {
      errors.push_back({base + ".number", "group number " + group.number + " is also a line: give the group its own number"});
    } else if (!numbers.insert(group.number).second) {
      errors.push_back({base + ".number", "group number " + group.number + " is used by two groups"});
    }
    std::set<std::string> members;
    for (std::size_t i = 0; i < group.members.size(); ++i) {
      const std::string path = base + ".members[" + std::to_string(i + 1) + "]";
      const std::string& line = group.members[i].line;
      if (!lines.count(line)) errors.push_back({path, "unknown line '" + line + "' (members are DNs under lines)"});
      if (!members.insert(line).second) errors.push_back({path, "line " + line + " is a member of " + group.name + " twice"});
    }
    if (group.member_ring_us <= 0) errors.push_back({base + ".member_ring", "the member ring time must be longer than 0s"});
    if (group.no_answer_us <= 0) errors.push_back({base + ".no_answer", "the no-answer time must be longer than 0s"});
    if (group.overflow.kind == Target::Kind::Line && !lines.count(group.overflow.number)) {
      errors.push_back({base + ".overflow", "overflow target '" + group.overflow.number +
                                                "' is not a line of this topology (a DN, \"voicemail\", \"none\" or \"+...\")"});
    }
  }
}

}  // namespace pbxsim
