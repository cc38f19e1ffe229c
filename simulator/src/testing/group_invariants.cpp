// INV-GROUP-MEMBER (CORE-6): a group call never alerts a member who is logged
// out of the group or paused at that moment. The members' state starts as the
// topology declares it and follows the trace's `group` records (logins,
// logouts, pauses, also those a profile makes); a call is being distributed
// by a group from its `offered` record naming the group until an offer
// elsewhere (an overflow or a forward) or until it is answered or picked up.
#include <map>
#include <set>
#include <vector>

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

// ----------------------------------------------------------------- INV-PICKUP

// INV-PICKUP (CORE-6): a pickup connects a call that a group is distributing
// at that moment (its last offer named the group, nobody answered yet), to a
// phone with a line that is a member of that group with pickup on. The
// phone's lines are its own and those of the device profile logged in to it.
void check_group_pickup(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  if (run.topology.groups.empty()) return;
  std::map<std::string, std::set<std::string>> own_lines, profile_lines;  // device -> lines
  for (const DeviceSpec& device : run.topology.devices) {
    for (const AppearanceSpec& appearance : device.appearances) own_lines[device.name].insert(appearance.line);
  }
  std::map<std::pair<std::string, std::string>, bool> pickup_on;  // (group, member line) -> pickup
  for (const GroupSpec& group : run.topology.groups) {
    for (const GroupMemberSpec& member : group.members) pickup_on[{group.name, member.line}] = true;
  }
  std::map<CallId, std::string> distributing;  // call -> the group offering it now
  for (const TraceEvent& event : run.trace) {
    switch (event.kind) {
      case TraceKind::GroupMember:
        if (event.reason == "pickup on" || event.reason == "pickup off") {
          pickup_on[{event.group, event.line}] = event.reason == "pickup on";
        }
        break;
      case TraceKind::Login:
        profile_lines[event.device].clear();
        for (const DeviceProfileSpec& profile : run.topology.device_profiles) {
          if (profile.name != event.target) continue;
          for (const AppearanceSpec& appearance : profile.appearances) profile_lines[event.device].insert(appearance.line);
        }
        break;
      case TraceKind::Logout: profile_lines.erase(event.device); break;
      case TraceKind::CallOffered: distributing[event.call] = event.group; break;
      case TraceKind::Answered: distributing.erase(event.call); break;
      case TraceKind::PickedUp: {
        const std::string group = distributing[event.call];
        distributing.erase(event.call);
        std::vector<std::string> lines;  // the phone's lines that may pick up from the group
        for (const auto* set : {&own_lines[event.device], &profile_lines[event.device]}) {
          for (const std::string& line : *set) {
            const auto member = pickup_on.find({event.group, line});
            if (member != pickup_on.end() && member->second) lines.push_back(line);
          }
        }
        std::string why;
        if (group != event.group) {
          why = group.empty() ? "no group was ringing it" : "group " + group + " was ringing it";
        } else if (lines.empty()) {
          why = event.device + " has no line that is a member of " + event.group + " with pickup on";
        }
        if (why.empty()) break;
        InvariantViolation violation{"INV-PICKUP",
                                     event.device + " picked up " + call_name(event.call) + " from group " +
                                         event.group + " at " + at_text(event.time_us) + ", but " + why,
                                     event.time_us, call_name(event.call), event.device, {}, 0, event.call};
        violation.group = event.group;
        // The Lua check needs the phone's member lines with pickup on at that moment.
        violation.expected = "{";
        for (const std::string& line : lines) violation.expected += quote(line) + ",";
        violation.expected += "}";
        violations.push_back(violation);
        break;
      }
      default: break;
    }
  }
}

std::vector<std::string> lua_group_pickup(const InvariantViolation& violation) {
  const std::string call = std::to_string(violation.call_id);
  return {"local group = nil",
          "for _, event in ipairs(sim:trace { call = " + call + " }) do",
          "  if event.kind == \"offered\" then group = event.group end",
          "  if event.kind == \"answered\" then group = nil end",
          "  if event.kind == \"picked-up\" then",
          "    expect(group, \"the group ringing call-" + call + " when \" .. event.device .. \" picked it up\").is(event.group)",
          "    expect(#" + violation.expected + " > 0, \"" + violation.device + " has a line in \" .. event.group .. \" with "
          "pickup on\").is_true()",
          "  end",
          "end"};
}

}  // namespace pbxsim::invariant_checks
