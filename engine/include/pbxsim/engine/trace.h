// The trace: typed, append-only records and a running 64-bit hash of their
// fields. Two runs are identical exactly when their hashes are; that is CORE-7.
// Sections: the kinds · the fields · a kept record · rendering · the trace.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/ids.h"
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
  // Call park (appended).
  Parked,           // a connected call is parked on a park number (target), from a device
  Retrieved,        // a parked call is retrieved on a device
  ParkReverted,     // a parked call's reversion timer ran out: it rings the parking device again
  // A policy hook's decision, recorded only when asked (run --decisions):
  // reason = the hook, target = its answer, rule = the policy's file:line of
  // the statement that returned it, facts = what it read. Never hashed nor
  // counted, so recording decisions does not change a run's hash.
  Decided,
  // Ordered tries (ordered_tries.h, appended): a try starts. line = where the
  // policy answered or the previous try rang, target = the try's number (or
  // "voicemail ..."), count = its place (1, 2, ...), duration = its ring
  // window (none for the last), reason = how the previous try ended
  // ("first", "no-answer", "none-alerted", "busy", "unreachable"), rule = the
  // policy's file:line of the try.
  Try,
};
inline constexpr TraceKind kLastTraceKind = TraceKind::Try;  // kinds are appended: update with them

// Whether a record of `kind` is part of the run's identity (its hash and
// count). Observations of the run (decisions) are kept but not hashed.
constexpr bool trace_kind_hashed(TraceKind kind) { return kind != TraceKind::Decided; }

std::string_view trace_kind_name(TraceKind kind);

// Who or what a record is about: its subject, rendered as the name of that
// entity ("call-7" for a call, "admin" for an administrator's change).
enum class TraceAbout : std::uint8_t { None, Call, Device, Line, User, Group, Server, Admin };
std::string_view trace_about_name(TraceAbout about);  // "call", "device", ...; "" for None

// A fact a policy hook read and its value, as Lua showed it to the hook
// ("app.dnd" = "reject", "line.has_cfna" = "true", "call.path" = "{1000, 1001}").
struct TraceFact {
  std::string name;
  std::string value;
  bool operator==(const TraceFact&) const = default;
};

// The typed content of a record, as the engine hands it to the trace. Every
// field is optional (empty, 0 or -1: not applicable). Entities are named, not
// indexed, so a stored record reads the same without the model that made it.
// Code reads these fields; the text people read is rendered from them
// (render_trace_text) and is never parsed. The hash covers these fields.
struct TraceFields {
  TraceAbout about = TraceAbout::None;
  CallId call = 0;               // the call it concerns
  std::string_view device;       // a device name
  std::string_view line;         // a line's number (DN)
  std::string_view user;         // a user id (who changed something, who logged in, ...)
  std::string_view group;        // a group name
  std::string_view server;       // a server name
  std::string_view reason;       // one word: skip reason, forward kind, DND or user mode, outcome,
                                 // audible/silent, a setting's name, a profile change ...
  std::string_view previous;     // the state before (DND mode), the dialed number before the dial rules
  std::string_view target;       // where to or from whom: forward target, routed number, the
                                 // device that replaced a registration or propagated DND, a
                                 // profile, a setting's new value, "gsm" for a mobile-network alert
  std::string_view caller;       // the caller's number (offers)
  TimeUs duration_us = -1;       // a lifetime, a timeout
  std::int64_t count = -1;       // a count: forwards so far
  std::string_view note;         // words for people only (hashed, never read by code)
  // Decided and Try records only (not hashed):
  std::string_view rule;         // the policy's file:line that answered
  std::span<const TraceFact> facts;  // the facts the hook read, in the order it first read them
};

// One kept record: the fields, owned, and the text rendered from them.
struct TraceEvent {
  TimeUs time_us = 0;
  TraceKind kind = TraceKind::ScenarioNote;
  TraceAbout about = TraceAbout::None;
  CallId call = 0;
  std::string device;
  std::string line;
  std::string user;
  std::string group;
  std::string server;
  std::string reason;
  std::string previous;
  std::string target;
  std::string caller;
  TimeUs duration_us = -1;
  std::int64_t count = -1;
  std::string note;
  std::string rule;
  std::vector<TraceFact> facts;
  // Rendered from the fields when the record is kept (for people, reports and
  // results files; read back as they were stored from older results files).
  std::string subject;
  std::string text;

  TraceFields fields() const;
  static TraceEvent of(TimeUs time_us, TraceKind kind, const TraceFields& fields);
};

// The named string fields of a kept record, for every reader that goes by
// name (sim:trace, the results store): one list, so none drifts.
struct TraceStringField {
  const char* name;
  std::string TraceEvent::*member;
};
inline constexpr TraceStringField kTraceStringFields[] = {
    {"device", &TraceEvent::device}, {"line", &TraceEvent::line},         {"user", &TraceEvent::user},
    {"group", &TraceEvent::group},   {"server", &TraceEvent::server},     {"reason", &TraceEvent::reason},
    {"previous", &TraceEvent::previous}, {"target", &TraceEvent::target}, {"caller", &TraceEvent::caller},
    {"note", &TraceEvent::note},     {"rule", &TraceEvent::rule},
};

// The subject's name and the record's text, for people.
std::string render_trace_subject(TraceAbout about, const TraceFields& fields);
std::string render_trace_text(TraceKind kind, const TraceFields& fields);

class Trace {
 public:
  // When keep_events is false only the hash and the count are kept.
  explicit Trace(bool keep_events = true) : keep_events_(keep_events) {}

  void append(TimeUs time_us, TraceKind kind, const TraceFields& fields);

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
