// The trace: typed, append-only events and a running 64-bit hash of them.
// Two runs are identical exactly when their hashes are; that is CORE-7.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/time.h"

namespace pbxsim {

enum class TraceKind : std::uint8_t {
  Registered,
  RegistrationRefreshed,
  RegistrationRefused,
  RegistrationReplaced,
  RegistrationExpired,
  Unregistered,
  DndChanged,
  ModeChanged,
  CallOffered,      // a call arrives at a line (first offer and every forward)
  Forwarded,        // a forward hop: details say kind and target
  Alerted,          // an appearance is alerted (details: audible or silent)
  Skipped,          // an appearance is not alerted (details: the policy's reason)
  AlertStopped,
  NoAnswerTimeout,
  Answered,
  Ignored,          // a stimulus that found nothing to act on
  Outcome,          // the terminal outcome of a call, exactly once per call (CORE-5)
  Released,         // an answered call is hung up
  ScenarioNote,
  // Groups, profiles and PCM (appended: earlier kinds keep their hash bytes).
  GroupMember,      // a member logs in or out, pauses, unpauses; pickup on or off
  PickedUp,         // a group call is picked up by another member
  Profile,          // a profile is selected, added, edited, deleted or applied
  ProfileRefused,   // a profile change the policy refused
  ProfileMismatch,  // the devices differ from the user's profile (PP-6)
  Trigger,          // a profile trigger fired, or was ignored
  ProfileAction,    // one action of an enter or leave chain
  Setting,          // a feature changed a setting (active destination, forward, voicemail, GSM, workplace)
  Cti,              // Phone Manager connects or shuts down
  RetiredHotDesk,   // never recorded (logins are Login/Logout); kept so later kinds keep their hash bytes
  Pcm,              // PCM configuration, keys, connections, the gateway model of a call
  PcmRefused,       // a PCM change or connection that is refused
  Dialed,           // the dial rules changed the dialed string (details: from -> to)
  Login,            // extension mobility: a user logged in to a device
  Logout,           // ... logged out (details: why)
  LoginRefused,
  Headset,          // a headset connected to or disconnected from a device
  Provisioning,     // a provisioning report or refusal (device names, deletion)
  Contact,          // a contact list change or refusal
  Server,           // fault injection: a server went down or came up
  Attempt,          // a client's connection attempt to a server, with its result
  Client,           // a client's state change (presence, configuration, LDAP, CTI)
};

std::string_view trace_kind_name(TraceKind kind);

struct TraceEvent {
  TimeUs time_us;
  TraceKind kind;
  std::string subject;
  std::string details;
};

class Trace {
 public:
  // When keep_events is false only the hash and the count are kept.
  explicit Trace(bool keep_events = true) : keep_events_(keep_events) {}

  void append(TimeUs time_us, TraceKind kind, std::string_view subject, std::string_view details);

  const std::vector<TraceEvent>& events() const { return events_; }
  std::uint64_t hash() const { return hash_; }
  std::uint64_t count() const { return count_; }
  bool keeps_events() const { return keep_events_; }

 private:
  bool keep_events_;
  std::vector<TraceEvent> events_;
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
  std::uint64_t count_ = 0;
};

std::string format_hash(std::uint64_t hash);

}  // namespace pbxsim
