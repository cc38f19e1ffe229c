// One generated exploration case: a topology and a timeline of stimuli, kept
// at the level a scenario author writes them (a field left empty is not
// written, so the policy's default applies). The explorer renders it as an
// ordinary scenario file and runs that text through the same runner as
// `pbxsim run`, so a reproducer is exactly what was explored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pbxsim/engine/dial_rules.h"
#include "pbxsim/engine/time.h"

namespace pbxsim {

struct CaseUser {
  std::string id;
  std::string mode;  // "softphone", "deskphone", or empty
  bool personal_profiles = false;  // has the role profile.personal (pascom's PAS-2)
  std::vector<std::string> cti_servers;  // the client's CTI gateways, primary first (CUC-16)
  std::vector<std::string> tftp_servers;  // its TFTP servers, primary first (CUC-14)
  std::vector<std::string> ldap_servers;  // its LDAP servers: primary, backup 1, backup 2 (CUC-15); all empty: no client
  bool cup = false;   // presence (CUP user feature licence, CUC-12)
  bool cupc = false;  // the client on top of it (CUPC licence)
};

// A server a client depends on (CUC-13 … CUC-16), up at the start.
struct CaseServer {
  std::string name;
  std::string kind;  // "cti", "tftp", "ldap", "presence"
};

struct CaseLine {
  std::string number;
  std::string cfa, cfb, cfna;  // as scenarios write targets; empty: not written
  TimeUs no_answer_us = 0;     // 0: not written
  int max_registrations = 0;
  std::string user;
};

struct CaseAppearance {
  std::string dn;
  int max_calls = 0;     // 0: not written
  int busy_trigger = 0;  // 0: not written
};

struct CaseDevice {
  std::string name;
  std::string kind;   // empty: the default (deskphone)
  std::string owner;
  std::vector<CaseAppearance> lines;
  bool register_at_start = true;
  TimeUs lifetime_us = 0;  // 0: never expires
  bool extension_mobility = false;  // users can log in to it (EM-*)
  std::string device_name;  // the provisioned name (CUC-1); empty: not written
  std::string primary;      // a soft phone under adjunct licensing: its primary phone (CUC-11); empty: none
  std::string user_agent;   // the User-Agent it registers with (MS-5); empty: not written
};

// A device profile (EM-4): the lines a user brings to the device they log in to.
struct CaseDeviceProfile {
  std::string name;
  std::string user;
  std::vector<std::string> lines;
};

struct CaseExternal {
  std::string number;
  std::string behaviour;  // answer, busy, unreachable, no-answer
};

struct CaseGroupMember {
  std::string dn;
  bool logged_in = true;
  bool paused = false;
};

// A group (CORE-6): calls to its number go to its available members.
struct CaseGroup {
  std::string name;
  std::string number;
  std::string strategy;        // "ring-all", "hunt", or empty (the default)
  TimeUs member_ring_us = 0;   // hunt: how long each member rings; 0: not written
  std::string overflow;        // where a call goes when nobody is available or answers; empty: not written
  std::vector<CaseGroupMember> members;
};

// A profile trigger (PAS-4, PAS-5): at a time of day, once; or a Teams meeting.
struct CaseTrigger {
  TimeUs at_us = 0;    // since the calendar's start (the case's calendar starts on a whole minute)
  bool teams = false;  // a Teams meeting instead of a time
  bool leave = false;  // leaves the profile instead of selecting it
};

// A server-side profile (PAS-*, PP-*): offered to every user.
struct CaseProfile {
  std::string name;
  bool sticky = false;
  std::vector<CaseTrigger> triggers;
  std::vector<std::pair<std::string, std::string>> enter, leave;  // actions: name and argument
};

// A Metaswitch PCM configuration (MS-1 … MS-7): levels of "field = value"
// pairs, a field not written being "use default" (MS-2).
using CasePcmFields = std::vector<std::pair<std::string, std::string>>;
struct CasePcmLine {
  std::string number;
  std::string type;            // "individual" or "business_group"; empty: not written (individual)
  std::string profile;         // a persistent profile; empty: none
  std::string business_group;  // business_group lines
  std::string password;
  CasePcmFields own;
};
struct CasePcmBusinessGroup {
  std::string name;
  std::string profile;  // the Business Group's own profile; empty: none
  CasePcmFields own;
};
struct CasePcm {
  bool present = false;
  CasePcmFields system;
  std::vector<std::pair<std::string, std::vector<std::string>>> service_levels;  // name -> licensed domains
  std::vector<std::pair<std::string, std::string>> gateway_models;               // name -> User-Agent match
  std::vector<std::pair<std::string, CasePcmFields>> profiles;
  std::vector<CasePcmBusinessGroup> business_groups;
  std::vector<CasePcmLine> lines;
};

struct CaseStep {
  enum class Kind : std::uint8_t {
    Call, Answer, DeviceHangup, CallerHangup, Dnd, Register, Unregister, Mode, GroupMember, Profile, Teams, Login, Logout, Server,
    Park, Retrieve, Pickup, Delete, PcmConnect, PcmPassword, ClientRestart, Search
  };
  TimeUs at_us = 0;
  Kind kind = Kind::Call;
  std::string subject;  // Call: the caller; CallerHangup: the call's label; else a device or user
  std::string value;    // Call: the number dialed; Dnd, Mode: the mode; Unregister: a DN or empty;
                        // GroupMember: login, logout, pause or unpause (subject: the group);
                        // Profile: the profile selected; Teams: start or end; Login: the user (subject:
                        // the device); Server: up or down (subject: the server); Park: empty (subject:
                        // the device); Retrieve: the park number the device dials;
                        // Pickup: empty (subject: the device picking up); Delete: empty (subject:
                        // the device); PcmConnect: empty, PcmPassword: the password (subject: the line);
                        // ClientRestart: empty (subject: the user); Search: the query (subject: the user)
  std::string member;   // GroupMember: the member's DN
  std::string label;    // Call: its handle in the script ("c1")
  TimeUs lifetime_us = 0;  // Register
  std::string feature;  // the feature that generated it (the pairs matrix swaps by feature)

  static CaseStep make(TimeUs at_us, Kind kind, std::string subject, std::string value = {}) {
    CaseStep step;
    step.at_us = at_us;
    step.kind = kind;
    step.subject = std::move(subject);
    step.value = std::move(value);
    return step;
  }
};

struct ExploreCase {
  std::uint64_t seed = 1;
  std::vector<std::string> features;  // the base first, in the feature list's order
  std::vector<int> intensities;       // parallel to features: how many rounds of stimuli
  int hop_limit = 0;  // 0: not written
  std::vector<CaseUser> users;
  std::vector<CaseLine> lines;
  std::vector<CaseDevice> devices;
  std::vector<CaseExternal> externals;
  std::vector<CaseGroup> groups;
  std::string calendar;  // the calendar's start ("Mon 08:00"); empty: not written
  std::vector<CaseProfile> profiles;
  std::vector<CaseDeviceProfile> device_profiles;
  std::vector<CaseServer> servers;
  // The site's extension mobility settings (EM-1, EM-2); empty or 0: the policy's.
  std::string multiple_login;
  bool enforce_max_login_time = false;
  TimeUs max_login_time_us = 0;
  // Call park (PARK-*): the park numbers ("701-702"; empty: no call park) and
  // the reversion timer (0: the policy's).
  std::string park_numbers;
  TimeUs park_reversion_us = 0;
  // Dial rules (CUC-9): the site's plan, written only when `dialing` (else the policy's).
  bool dialing = false;
  DialPlan dial_plan;
  // Licences (CUC-12): the authorised units; -1: no licences section.
  int licences_authorised = -1;
  CasePcm pcm;
  std::vector<CaseStep> steps;  // scheduled in this order; same-time steps run in this order
};

// The calendar of a case with timed triggers: a Monday, 08:00:00 at time 0,
// so a trigger at 08:00:12 fires 12 s into the run.
inline constexpr std::string_view kCaseCalendar = "Mon 08:00";
inline constexpr TimeUs kCaseCalendarStartUs = 8 * kUsPerHour;

// What the rendered steps call their closing `expect(sim:run(), ...)`; the
// runner reads it to know the run went on until nothing was pending.
inline constexpr std::string_view kRunEndsCheck = "the run ends within a day";

struct RenderOptions {
  std::string scenario_name;
  std::string policy;                     // as the file should name it
  std::vector<std::string> header;        // comment lines above the scenario
  std::vector<std::string> covers;
  std::vector<std::string> extra_checks;  // Lua lines after sim:run(), indented by the renderer
};

// The case as a scenario file.
std::string render_scenario(const ExploreCase& c, const RenderOptions& options);

// Counts for reports: "3 lines, 2 devices, 5 steps".
std::string describe_size(const ExploreCase& c);

// Lines of a file that are neither blank nor comments.
int count_code_lines(const std::string& text);

}  // namespace pbxsim
