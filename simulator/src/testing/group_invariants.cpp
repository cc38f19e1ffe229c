// INV-GROUP-MEMBER (CORE-6): a group call never alerts a member who is logged
// out of the group or paused at that moment. The members' state starts as the
// topology declares it and follows the trace's `group` records (logins,
// logouts, pauses, also those a profile makes); a call is being distributed
// by a group from its `offered` record naming the group until an offer
// elsewhere (an overflow or a forward) or until it is answered or picked up.
#include <map>
#include <set>

#include "invariant_checks.h"

namespace pbxsim::invariant_checks {

namespace {

struct MemberState {
  bool logged_in = true;
  bool paused = false;
};

// A violation's `limit` carries the member's state at the start, for the Lua check.
constexpr int kStartLoggedIn = 1;
constexpr int kStartPaused = 2;

}  // namespace

void check_group_members(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  if (run.topology.groups.empty()) return;
  std::map<std::pair<std::string, std::string>, MemberState> members;  // (group, line)
  std::map<std::pair<std::string, std::string>, int> start;
  for (const GroupSpec& group : run.topology.groups) {
    for (const GroupMemberSpec& member : group.members) {
      members[{group.name, member.line}] = {member.logged_in, member.paused};
      start[{group.name, member.line}] = (member.logged_in ? kStartLoggedIn : 0) | (member.paused ? kStartPaused : 0);
    }
  }
  std::map<CallId, std::string> distributing;  // call -> the group offering it now
  std::set<CallId> reported;
  for (const TraceEvent& event : run.trace) {
    if (event.kind == TraceKind::GroupMember) {
      const auto found = members.find({event.group, event.line});
      if (found == members.end()) continue;
      if (event.reason == "logged in") found->second.logged_in = true;
      if (event.reason == "logged out") found->second.logged_in = false;
      if (event.reason == "paused") found->second.paused = true;
      if (event.reason == "unpaused") found->second.paused = false;
      continue;
    }
    if (event.kind == TraceKind::CallOffered) {
      distributing[event.call] = event.group;
      continue;
    }
    if (event.kind == TraceKind::Answered || event.kind == TraceKind::PickedUp) {
      // Connected: whatever rings for it later (a park reversion) is not the group's distribution.
      distributing.erase(event.call);
      continue;
    }
    if (event.kind != TraceKind::Alerted) continue;
    const std::string& group = distributing[event.call];
    if (group.empty()) continue;
    const auto found = members.find({group, event.line});
    if (found == members.end()) continue;
    const MemberState& member = found->second;
    if ((member.logged_in && !member.paused) || !reported.insert(event.call).second) continue;
    InvariantViolation violation{"INV-GROUP-MEMBER",
                                 call_name(event.call) + " of group " + group + " alerted " + event.device +
                                     " for member " + event.line + ", which is " +
                                     (member.logged_in ? "paused" : "logged out") + ", at " + at_text(event.time_us),
                                 event.time_us, call_name(event.call), event.device, event.line,
                                 start[{group, event.line}], event.call};
    violation.group = group;
    violations.push_back(violation);
  }
}

std::vector<std::string> lua_group_members(const InvariantViolation& violation) {
  // The member's state replayed from the trace, from the start the topology
  // declared (carried in `limit`, see kStartLoggedIn).
  const bool logged_in = (violation.limit & kStartLoggedIn) != 0;
  const bool paused = (violation.limit & kStartPaused) != 0;
  const std::string call = std::to_string(violation.call_id);
  return {std::string("local member, distributing = { logged_in = ") + (logged_in ? "true" : "false") +
              ", paused = " + (paused ? "true" : "false") + " }, false",
          "for _, event in ipairs(sim:trace()) do",
          "  if event.call == " + call + " and event.kind == \"offered\" then distributing = event.group == " +
              quote(violation.group) + " elseif event.call == " + call +
              " and (event.kind == \"answered\" or event.kind == \"picked-up\") then distributing = false end",
          "  if event.kind == \"group\" and event.group == " + quote(violation.group) + " and event.line == " +
              quote(violation.line) + " then",
          "    if event.reason == \"logged in\" then member.logged_in = true end",
          "    if event.reason == \"logged out\" then member.logged_in = false end",
          "    if event.reason == \"paused\" then member.paused = true end",
          "    if event.reason == \"unpaused\" then member.paused = false end",
          "  end",
          "  if distributing and event.kind == \"alerted\" and event.call == " + call + " and event.line == " +
              quote(violation.line) + " then",
          "    expect(member.logged_in and not member.paused, \"member " + violation.line + " of " + violation.group +
              " available when \" .. event.details).is_true()",
          "  end",
          "end"};
}

}  // namespace pbxsim::invariant_checks
