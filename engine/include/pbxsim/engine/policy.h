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
  virtual Divert when_none_alerted(const LineFacts& facts) = 0;
  virtual Divert when_no_answer(const LineFacts& facts) = 0;
  virtual RegistrationOverflow when_registrations_full(const RegistrationFacts& facts) = 0;
  // Further DND changes caused by one (presence propagation, CUC-7).
  virtual std::vector<DndChange> propagate_dnd(const DndFacts& facts) = 0;

  // The device name a user's soft-phone client derives from the user ID
  // (CUC-1), or nullopt when the vendor's client derives none.
  virtual std::optional<std::string> softphone_device_name(std::string_view user_id);
  // The name a contact list shows for a contact (CUC-17).
  virtual std::string contact_display_name(const ContactFacts& facts);
};

}  // namespace pbxsim
