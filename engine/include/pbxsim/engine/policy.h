// The policy interface: the questions the engine asks where vendors differ.
// The engine knows mechanisms (alerting, timers, forwarding hops); a policy
// answers "should this appearance ring?", "nothing rang, now what?" and the
// like. scripting/ implements it with Lua; NeutralPolicy is the C++ default.
//
// A policy that cannot answer throws PolicyError; the run is then aborted.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/time.h"
#include "pbxsim/engine/topology.h"

namespace pbxsim {

struct PolicyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Pbx;
struct CallRecord;

// The call a hook is asked about, for the facts a policy reads only on
// demand: who calls, the simulated calendar, the call's history (path, who
// already rang). Both null outside a run (the routing analysis), where
// those facts read as unknown.
struct CallOrigin {
  const Pbx* pbx = nullptr;
  const CallRecord* call = nullptr;
};

// One appearance of the line a call is being offered to.
struct AppearanceFacts {
  std::string_view caller;
  std::string_view line;
  std::string_view device;
  DeviceKind device_kind;
  // The owner's record is read only when a policy asks for it: among 100 000
  // users it is a cache miss that most decisions do not need. Both are
  // nullptr when the device has no owner (then the owner is "" and the mode
  // soft phone).
  const std::string* owner;
  const UserMode* owner_mode;
  bool registered;
  DndMode dnd;
  int active_calls;  // calls alerting or connected on this appearance
  int max_calls;
  int busy_trigger;
  int forwards;      // forwards this call has taken so far
  bool active;       // an active destination (profiles: DEE destinations, FollowMe, workplace)
  bool gsm;          // a mobile whose user is in GSM mode: reached over the mobile network
  CallOrigin origin{};
};

enum class AppearanceVerdict { Alert, AlertSilently, Skip };

struct AppearanceDecision {
  AppearanceVerdict verdict = AppearanceVerdict::Alert;
  std::string reason;  // with Skip: "dnd-reject", "busy", "unregistered", ...
};

// A line after the appearance decisions, or when its no-answer timer fires.
struct LineFacts {
  std::string_view caller;
  std::string_view line;
  std::string_view user;  // the user whose mode applies; empty when none
  UserMode user_mode;
  int appearances;
  int alerted;           // audibly or silently
  int alerted_silently;
  int skipped_unregistered;
  int skipped_dnd_reject;
  int skipped_busy;
  int skipped_other;
  bool has_forward_busy;
  bool has_forward_no_answer;
  int forwards;
  int skipped_inactive;    // appearances skipped as "inactive" (also counted in skipped_other)
  bool voicemail_enabled;  // the line's voicemail destination is active (DEE profiles)
  CallOrigin origin{};
};

enum class Divert { ForwardNoAnswer, ForwardBusy, Busy, Rejected, NoAnswer, Voicemail, Unreachable };
std::string_view divert_name(Divert divert);

// Where a policy sends a call itself, instead of a kind of divert that uses
// the line's own targets: a number (routed after the dial rules to a line, a
// group or an external number) or a line's voicemail. It is checked like a
// forward (the hop limit, loops); a target that does not exist is the
// policy's error, located at `rule`.
struct Destination {
  enum class Kind : unsigned char { Number, Voicemail };
  Kind kind = Kind::Number;
  std::string number;  // Number: as the policy wrote it; Voicemail: whose (empty: the line's own)
  std::string rule;    // the policy's file:line that answered it
  // One of ordered tries (ordered_tries.h): how long it rings before the
  // next try; 0 for the last try, which ends by the usual rules.
  TimeUs ring_us = 0;
  // Number (a line) only: ring only these devices' appearances of it
  // (ring_only.h); empty: every appearance the policy lets ring.
  std::vector<std::string> only_devices;
};

// A none_alerted or no_answer answer: a kind of divert, a destination, or
// ordered tries ("ring A for 10 s, then B"; ordered_tries.h).
struct DivertDecision {
  DivertDecision(Divert kind) : divert(kind) {}  // NOLINT: a plain kind converts
  explicit DivertDecision(Destination to) : divert(Divert::Voicemail), destination(std::move(to)) {}
  explicit DivertDecision(std::vector<Destination> in_order)
      : divert(Divert::Voicemail), destination(in_order.at(0)), tries(std::move(in_order)) {}
  Divert divert;
  std::optional<Destination> destination;  // with tries: the first
  std::vector<Destination> tries;          // empty unless the answer was ordered tries
};

struct RegistrationFacts {
  std::string_view line;
  std::string_view device;
  int registered;         // registrations the line has now
  int max_registrations;
};

enum class RegistrationOverflow { RefuseNewest, ReplaceOldest };

struct DndFacts {
  std::string_view device;
  DndMode mode;
  DndMode previous;
  std::string_view user;                   // who changed it; empty when unknown
  std::vector<std::string_view> user_devices;  // every device associated with that user (the engine's names)
};

struct DndChange {
  std::string device;
  DndMode mode;
};

// A member of a group a call is offered to (CORE-6).
struct GroupMemberFacts {
  std::string_view caller;
  std::string_view group;
  std::string_view strategy;  // "ring-all" or "hunt"
  std::string_view line;      // the member's DN
  const std::string* user;    // the line's user, nullptr when none (read only when asked, as above)
  bool logged_in;
  bool paused;
  int forwards;
  CallOrigin origin{};  // the call, for the call facts and the decision record
};

struct GroupMemberDecision {
  bool offer = true;
  std::string reason;  // when not offered: "logged-out", "paused", ...
};

// A profile change about to happen: a selection, a trigger, an edit, an
// addition or a deletion (PP-1, PP-3, PAS-2, PAS-6, PAS-9).
struct ProfileChangeFacts {
  std::string_view change;   // "select", "trigger", "add", "edit", "delete"
  std::string_view by;       // "user", "admin", "timer", "teams", "start"
  std::string_view trigger;  // "timed", "teams-start", "teams-end", or empty
  std::string_view user;     // empty for an admin change of a shared profile
  std::string_view profile;
  std::string_view current;  // the user's selected profile, empty when none
  bool current_sticky;
  bool profile_exists;
  bool profile_system;
  bool profile_selected;     // the profile is the user's selected one
  bool profile_personal;     // the user's own profile (not a default or a shared one)
  bool profile_offered;      // offered to the user's roles
  const std::vector<std::string>* user_roles;
  bool presence_profiles;    // DEE: "Enable Presence Profiles" on the user's client profile
  bool primary_is_dee_main;  // DEE: the user's primary extension is a DEE main device
};

struct ProfileChangeDecision {
  bool allowed = true;
  std::string reason;  // why it was refused or ignored
};

// What the directory knows of a contact, for its displayed name (CUC-17).
// Empty means not configured (the attribute map does not map the field) or
// no value in the entry.
struct ContactFacts {
  bool in_directory;             // false: a contact the user added by hand
  std::string_view edited_name;  // the name the user gave it in the client
  std::string_view display_name;
  std::string_view nickname;
  std::string_view first_name;
  std::string_view last_name;
  std::string_view user_id;
};

class Policy {
 public:
  virtual ~Policy() = default;
  virtual std::string_view name() const = 0;
  virtual AppearanceDecision decide_appearance(const AppearanceFacts& facts) = 0;
  virtual DivertDecision when_none_alerted(const LineFacts& facts) = 0;
  virtual DivertDecision when_no_answer(const LineFacts& facts) = 0;
  virtual RegistrationOverflow when_registrations_full(const RegistrationFacts& facts) = 0;
  // Further DND changes caused by one (presence propagation, CUC-7).
  virtual std::vector<DndChange> propagate_dnd(const DndFacts& facts) = 0;
  // Groups and profiles (group_calls.cpp, profile_service.cpp).
  virtual GroupMemberDecision decide_group_member(const GroupMemberFacts& facts) = 0;
  virtual ProfileChangeDecision decide_profile_change(const ProfileChangeFacts& facts) = 0;

  // The device name a user's soft-phone client derives from the user ID
  // (CUC-1), or nullopt when the vendor's client derives none.
  virtual std::optional<std::string> softphone_device_name(std::string_view user_id);
  // The name a contact list shows for a contact (CUC-17).
  virtual std::string contact_display_name(const ContactFacts& facts);
};

}  // namespace pbxsim
