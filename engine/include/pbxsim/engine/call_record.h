// A call's record: its state, its outcome and what happened to it. The state
// changes only through the transitions of engine/src/call_life.cpp, which
// assert the state each one comes from (call_transition_allowed).
//
//   Scheduled --alert--> Alerting --connect--> Connected --release--> Ended
//       |                 |   ^ divert, hunt:         |  ^
//       |                 |   | alert again      park |  | retrieve
//       |                 |   |                       v  |
//       |                 |   +----- revert -------- Parked --release--> Ended
//       +-----------------+--settle (busy, voicemail, no-answer, ...)--> Ended
//
// An external number that answers connects a Scheduled call directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pbxsim/engine/boxed.h"
#include "pbxsim/engine/event_queue.h"
#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/inline_vector.h"
#include "pbxsim/engine/name_list.h"
#include "pbxsim/engine/time.h"

namespace pbxsim {

enum class CallState : std::uint8_t { Scheduled, Alerting, Connected, Parked, Ended };
enum class CallOutcome : std::uint8_t {
  None,  // not decided yet
  Answered,
  Busy,
  Rejected,
  Voicemail,
  NoAnswer,
  ForwardLimit,
  Unreachable,
  Abandoned,
};
std::string_view call_state_name(CallState state);
std::string_view call_outcome_name(CallOutcome outcome);

// Fields read on every offer, answer and hangup come first, so they share
// the record's first cache lines (a day has a million records).
// A call's fields that only some sites have: a PCM gateway, a directory.
struct CallExtras {
  std::string media_gateway;  // the PCM media gateway model the call uses (MS-6), empty when none
  std::string caller_lookup;  // the caller ID after the directory lookup rules; set only when the
                              // directory has entries (else sim:call derives it from the dial plan)
  std::string caller_name;    // the directory's name for it, or empty
};

struct CallRecord {
  CallId id = 0;
  CallState state = CallState::Scheduled;
  CallOutcome outcome = CallOutcome::None;
  int forwards = 0;
  TimeUs offered_at_us = -1;
  // Working state.
  AppearanceIndex connected_appearance = kNoIndex;
  LineIndex current_line = kNoIndex;
  GroupIndex group = kNoIndex;           // a group call: the group (then current_line is unused)
  std::uint32_t hunt_position = 0;  // hunt: the next member to try
  EventHandle no_answer_timer;
  InlineVector<AppearanceIndex, 2> alerting_appearances;  // a line's two appearances, or a hunt member's
  InlineVector<LineIndex, 2> visited_lines;

  std::string caller;
  std::string dialed;
  std::string outcome_detail;
  TimeUs answered_at_us = -1;
  TimeUs outcome_at_us = -1;
  TimeUs released_at_us = -1;
  NameList path;             // lines visited, then an end target
  NameList forward_reasons;  // each forward's kind, in order: cfa, cfb, cfna, policy, overflow
  NameList alerted_devices;  // in first-alert order, each once
  NameList silent_devices;   // alerted without an audible ring
  SkipList skipped;          // device (or group member), first reason
  std::string answered_by;
  // Dialing (CUC-9, CUC-10) and where the call comes from.
  DeviceIndex from_device = kNoIndex;  // placed on a device: its calling restriction applies (EM-9)
  UserIndex via_client = kNoIndex;   // placed through this user's client (CTI click-to-dial, CUC-16)
  std::string routed;            // the dialed string after the dial rules: what is routed
  bool dial_rules_applied = false;  // routed is set; the steps: analyze_dialed(dial_plan(), dialed)
  DeviceIndex answered_device = kNoIndex;  // the device named by answered_by (none for an external answer)
  Boxed<CallExtras> extras;      // what only some sites set: one pointer for a million calls
};

// Whether the call state machine has a transition from `from` to `to`.
bool call_transition_allowed(CallState from, CallState to);

}  // namespace pbxsim
