// The policy interface: the questions the engine asks where vendors differ.
// The engine knows mechanisms (alerting, timers, forwarding hops); a policy
// answers "should this appearance ring?", "nothing rang, now what?" and the
// like. scripting/ implements it with Lua; NeutralPolicy is the C++ default.
//
// A policy that cannot answer throws PolicyError; the run is then aborted.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/topology.h"

namespace pbxsim {

struct PolicyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One appearance of the line a call is being offered to.
struct AppearanceFacts {
  std::string_view caller;
  std::string_view line;
  std::string_view device;
  DeviceKind device_kind;
  std::string_view owner;  // empty when the device has no owner
  UserMode owner_mode;
  bool registered;
  DndMode dnd;
  int active_calls;  // calls alerting or connected on this appearance
  int max_calls;
  int busy_trigger;
  int forwards;      // forwards this call has taken so far
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
};

enum class Divert { ForwardNoAnswer, ForwardBusy, Busy, Rejected, NoAnswer, Voicemail, Unreachable };
std::string_view divert_name(Divert divert);

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
  std::vector<std::string> user_devices;   // every device associated with that user
};

struct DndChange {
  std::string device;
  DndMode mode;
};

class Policy {
 public:
  virtual ~Policy() = default;
  virtual std::string_view name() const = 0;
  virtual AppearanceDecision decide_appearance(const AppearanceFacts& facts) = 0;
  virtual Divert when_none_alerted(const LineFacts& facts) = 0;
  virtual Divert when_no_answer(const LineFacts& facts) = 0;
  virtual RegistrationOverflow when_registrations_full(const RegistrationFacts& facts) = 0;
  // Further DND changes caused by one (presence propagation, CUC-7).
  virtual std::vector<DndChange> propagate_dnd(const DndFacts& facts) = 0;
};

}  // namespace pbxsim
