// `pbxsim route`: every path a call could take through a topology under a
// policy, without placing it — what a dialed-number analyzer shows.
//
// At each line the analysis asks the policy itself (the same hooks the
// engine asks) about every combination of appearance states — free,
// ringer-off, dnd-reject, busy (at its busy trigger), busy with either DND,
// unregistered — and, when the line has a user, both soft-phone and
// desk-phone mode. Combinations that lead the same way are one branch; its
// condition is given exactly when the branch is a product of per-appearance
// states, else by an example. Forwards are followed as the engine follows
// them (cfa first, the hop limit, a line never offered twice).
//
// Each line's states are taken independently: a call that rings for 12 s
// before it is forwarded meets devices that may have changed meanwhile.
//
// `at_us` fixes what the topology alone decides at that time — today the
// registrations (registered at start and not yet past their lifetime);
// a feature with schedules (profiles, timed triggers) adds its own. State
// that stimuli change (DND, calls in progress, mode) stays open.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/engine/policy.h"
#include "pbxsim/engine/topology.h"

namespace pbxsim {

struct RouteQuery {
  std::string from = "+10000000000";
  std::string to;
  std::optional<TimeUs> at_us;
  std::size_t max_paths = 64;
};

// One place a path passes and what happens there.
struct RouteStep {
  std::string place;      // a DN, "voicemail", an external number, or the number dialed
  std::string how;        // "rings desk, soft", "nothing rings", "forwards every call"
  std::string condition;  // when this happens; "always" when it does not depend on state
  std::string then;       // "answered", "no answer after 12s: cfna", "cfb", "busy" ...
};

struct RoutePath {
  std::vector<RouteStep> steps;
  std::string outcome;  // answered, voicemail, busy, rejected, no-answer, unreachable, forward-limit, error
  int forwards = 0;
};

struct RouteReport {
  std::string policy;
  std::string routed;  // the number dialed after the topology's dial rules (CUC-9): what is routed
  int hop_limit = 8;
  std::vector<RoutePath> paths;
  bool truncated = false;           // more than max_paths
  std::vector<std::string> notes;   // e.g. a line with too many appearances to enumerate fully
};

RouteReport analyse_routes(const Topology& topology, Policy& policy, const RouteQuery& query);

void print_routes(std::ostream& out, const RouteQuery& query, const RouteReport& report);
std::string routes_json(const RouteQuery& query, const RouteReport& report);

}  // namespace pbxsim
