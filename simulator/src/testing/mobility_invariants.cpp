// Extension mobility invariants, read from the trace's typed `login` and
// `logout` records (device, user, the device profile in `target`, the
// login's time limit in `duration`). Sections: no alert for a profile's
// line while logged out · one login per user · the maximum login time.
//
// INV-EM-LOGGED-OUT (EM-4, EM-9): a device alerts for a line of a device
//   profile only while a user logged in to it with that profile (a line the
//   device has of its own is not a profile's line there).
// INV-EM-MULTIPLE-LOGIN (EM-1): unless multiple logins are allowed, a user
//   is never logged in to two devices at once (auto logout logs the old one
//   out first).
// INV-EM-MAX-LOGIN (EM-2): a login with a limit (always when the site
//   enforces the maximum login time) ends by its limit.
#include <limits>
#include <map>
#include <set>

#include "invariant_checks.h"

namespace pbxsim::invariant_checks {

// -------------------------------------- no alert for a profile's line while logged out

void check_logged_out_devices(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  if (run.topology.device_profiles.empty()) return;
  std::map<std::string, std::set<std::string>> profile_lines;  // profile -> its lines
  for (const DeviceProfileSpec& profile : run.topology.device_profiles) {
    for (const AppearanceSpec& appearance : profile.appearances) profile_lines[profile.name].insert(appearance.line);
  }
  std::set<std::pair<std::string, std::string>> own;  // (device, line) it has of its own
  for (const DeviceSpec& device : run.topology.devices) {
    for (const AppearanceSpec& appearance : device.appearances) own.insert({device.name, appearance.line});
  }
  std::set<std::string> any_profile_line;
  for (const auto& [profile, lines] : profile_lines) any_profile_line.insert(lines.begin(), lines.end());
  std::map<std::string, std::string> logged_in;  // device -> the profile it was logged in with
  std::set<CallId> reported;
  for (const TraceEvent& event : run.trace) {
    if (event.kind == TraceKind::Login) logged_in[event.device] = event.target;
    if (event.kind == TraceKind::Logout) logged_in.erase(event.device);
    if (event.kind != TraceKind::Alerted || !any_profile_line.count(event.line) || own.count({event.device, event.line})) {
      continue;
    }
    const auto login = logged_in.find(event.device);
    if (login != logged_in.end() && profile_lines[login->second].count(event.line)) continue;
    if (!reported.insert(event.call).second) continue;
    InvariantViolation violation{"INV-EM-LOGGED-OUT",
                                 call_name(event.call) + " alerted " + event.device + " for line " + event.line +
                                     " of a device profile while " +
                                     (login == logged_in.end() ? "nobody" : "profile " + login->second + " without it") +
                                     " was logged in there, at " + at_text(event.time_us),
                                 event.time_us, call_name(event.call), event.device, event.line, 0, event.call};
    violations.push_back(violation);
  }
}

std::vector<std::string> lua_logged_out_devices(const InvariantViolation& violation) {
  return {"local profile = nil",
          "for _, event in ipairs(sim:trace { device = " + quote(violation.device) + " }) do",
          "  if event.kind == \"login\" then profile = event.target elseif event.kind == \"logout\" then profile = nil end",
          "  if event.kind == \"alerted\" and event.line == " + quote(violation.line) + " then",
          "    expect(profile, \"the profile logged in to " + violation.device + " when \" .. event.details).is_not(nil)",
          "  end",
          "end"};
}

// ------------------------------------------------------------ one login per user

void check_multiple_logins(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  if (run.topology.extension_mobility.multiple_login == MultipleLogin::Allowed) return;
  std::map<std::string, std::set<std::string>> devices_of;  // user -> devices logged in to
  std::map<std::string, std::string> user_of;               // device -> user
  std::set<std::string> reported;
  for (const TraceEvent& event : run.trace) {
    if (event.kind == TraceKind::Logout) {
      devices_of[user_of[event.device]].erase(event.device);
      user_of.erase(event.device);
      continue;
    }
    if (event.kind != TraceKind::Login) continue;
    user_of[event.device] = event.user;
    std::set<std::string>& devices = devices_of[event.user];
    devices.insert(event.device);
    if (devices.size() < 2 || !reported.insert(event.user).second) continue;
    const std::string& other = *devices.begin() != event.device ? *devices.begin() : *devices.rbegin();
    InvariantViolation violation{"INV-EM-MULTIPLE-LOGIN",
                                 event.user + " logged in to " + event.device + " while logged in to " + other +
                                     " (multiple logins " +
                                     std::string(multiple_login_name(run.topology.extension_mobility.multiple_login)) +
                                     "), at " + at_text(event.time_us),
                                 event.time_us, {}, event.device};
    violation.user = event.user;
    violations.push_back(violation);
  }
}

std::vector<std::string> lua_multiple_logins(const InvariantViolation& violation) {
  return {"local devices = {}",
          "local count = 0",
          "for _, event in ipairs(sim:trace()) do",
          "  if event.kind == \"logout\" and event.user == " + quote(violation.user) + " and devices[event.device] then",
          "    devices[event.device] = nil; count = count - 1",
          "  end",
          "  if event.kind == \"login\" and event.user == " + quote(violation.user) + " then",
          "    if not devices[event.device] then devices[event.device] = true; count = count + 1 end",
          "    expect(count, \"devices " + violation.user + " is logged in to after \" .. event.details).at_most(1)",
          "  end",
          "end"};
}

// ------------------------------------------------------------ the maximum login time

namespace {

struct OpenLogin {
  TimeUs at_us = 0;
  TimeUs limit_us = -1;
  std::string user;
};

InvariantViolation overstayed(const std::string& device, const OpenLogin& login, TimeUs seen_us) {
  InvariantViolation violation{"INV-EM-MAX-LOGIN",
                               login.user + "'s login to " + device + " at " + at_text(login.at_us) + " was still on at " +
                                   at_text(seen_us) + ", past its maximum login time of " + at_text(login.limit_us),
                               seen_us, {}, device};
  violation.user = login.user;
  violation.limit = static_cast<int>(login.limit_us / kUsPerMs);
  return violation;
}

}  // namespace

void check_max_login_time(const RunObservation& run, std::vector<InvariantViolation>& violations) {
  const MobilitySettings& settings = run.topology.extension_mobility;
  std::map<std::string, OpenLogin> open;  // device -> its login
  std::set<std::string> reported;
  auto check_until = [&](TimeUs now_us) {
    for (const auto& [device, login] : open) {
      if (login.limit_us < 0 || now_us <= login.at_us + login.limit_us || !reported.insert(device).second) continue;
      violations.push_back(overstayed(device, login, now_us));
    }
  };
  for (const TraceEvent& event : run.trace) {
    check_until(event.time_us);
    if (event.kind == TraceKind::Logout) open.erase(event.device);
    if (event.kind != TraceKind::Login) continue;
    open[event.device] = OpenLogin{event.time_us, event.duration_us, event.user};
    if (settings.enforce_max_login_time && event.duration_us < 0 && reported.insert(event.device).second) {
      InvariantViolation violation{"INV-EM-MAX-LOGIN",
                                   event.user + " logged in to " + event.device + " without a time limit while the site enforces " +
                                       at_text(settings.max_login_time_us) + ", at " + at_text(event.time_us),
                                   event.time_us, {}, event.device};
      violation.user = event.user;
      violations.push_back(violation);
    }
  }
  // The run went on until nothing was pending: every limit's timer has had its turn.
  if (run.ran_to_end) check_until(std::numeric_limits<TimeUs>::max() / 2);
}

std::vector<std::string> lua_max_login_time(const InvariantViolation& violation) {
  return {"local since, limit = nil, nil",
          "for _, event in ipairs(sim:trace { device = " + quote(violation.device) + " }) do",
          "  if since and limit then expect(event.time - since, \"time logged in to " + violation.device +
              " at \" .. event.kind).at_most(limit) end",
          "  if event.kind == \"login\" then since, limit = event.time, event.duration",
          "  elseif event.kind == \"logout\" then since, limit = nil, nil end",
          "end",
          "expect(since == nil or limit == nil, \"a limited login to " + violation.device +
              " still on at the end of the run\").is_true()"};
}

}  // namespace pbxsim::invariant_checks
