// Groups (CORE-6) as configured: UCD groups, pascom teams, hunt groups. A
// group has a number callers dial and members (lines) that log in and out
// and pause; the runtime is in group_calls.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/target.h"
#include "pbxsim/engine/time.h"

namespace pbxsim {

struct Topology;
struct TopologyError;

// How a group call is distributed among the members that may take it.
enum class GroupStrategy : std::uint8_t {
  RingAll,  // every available member at once (simultaneous ring)
  Hunt,     // one member at a time, in the configured order
};
std::string_view group_strategy_name(GroupStrategy strategy);
std::optional<GroupStrategy> parse_group_strategy(std::string_view text);

struct GroupMemberSpec {
  std::string line;  // the member's DN
  bool logged_in = true;
  bool paused = false;
};

struct GroupSpec {
  std::string name;
  std::string number;  // what callers dial; not a line of the topology
  GroupStrategy strategy = GroupStrategy::RingAll;
  std::vector<GroupMemberSpec> members;  // in hunt order
  TimeUs member_ring_us = 10 * kUsPerSecond;  // hunt: how long each member rings
  TimeUs no_answer_us = 30 * kUsPerSecond;    // ring-all: how long before the overflow
  Target overflow;  // where an unanswered or unplaceable group call goes; none: it ends
};

// Appends what does not fit together (unknown member lines, a number that
// is also a line, a name shared with a device ...).
void validate_groups(const Topology& topology, std::vector<TopologyError>& errors);

}  // namespace pbxsim
