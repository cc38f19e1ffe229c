// Invariants every run must keep, whatever the policy. They are checked from
// the outside — from the trace and the call records of a finished run — and
// never by the model itself, so a model bug cannot hide its own symptom.
// The explorer checks them after every generated run.
//
// Each invariant can also write the Lua lines that check the same thing
// inside a scenario, so a shrunk reproducer fails under plain `pbxsim run`.
//
// Codes:
//   INV-OUTCOME       every call ends in exactly one outcome (at most one
//                     while the run has not gone on to the end)
//   INV-DND-REJECT    no call alerts a device while it is in DND reject
//   INV-UNREGISTERED  no call alerts an appearance that is not registered
//   INV-HOP-LIMIT     no call takes more forwards than the hop limit
//   INV-MAX-REG       a line never has more registrations than its maximum
//   INV-GROUP-MEMBER  a group call never alerts a member logged out or paused
//   INV-PICKUP        a pickup connects a call its group is ringing, to a phone
//                     with a line in that group with pickup on
//   INV-STICKY        no trigger moves a user off a sticky profile (but the
//                     end of the Teams meeting that selected it)
//   INV-INACTIVE      no call alerts a device a profile switched off
//   INV-EM-LOGGED-OUT a device alerts for a device profile's line only while
//                     logged in with that profile
//   INV-EM-MULTIPLE-LOGIN  unless allowed, a user is logged in to one device
//   INV-EM-MAX-LOGIN  a limited login ends by its maximum login time
//   INV-CTI-RECONNECT CTI attempts follow the policy's intervals, round-robin
//                     from the primary, and connect exactly when the server is up
//   INV-PARK-SLOT     a park number holds one call at a time; a retrieval or
//                     reversion takes the call parked on its number
//   INV-PARK-HELD     a parked call rings and connects nowhere while parked
//   INV-PARK-REVERSION an unretrieved parked call comes back to the phone
//                     that parked it when its reversion timer runs out
//   INV-TFTP-ORDER    a configuration download goes primary, then backups in
//                     order, a timeout apart; cache or Disabled only after all
//   INV-LDAP-ORDER    a search starts at the current LDAP server, goes on in
//                     order; fails only after every server was tried
//   INV-LICENCE-POOL  licence units, counted as CUC-12 counts them, never
//                     exceed the pool; a deletion gives back the device's units
//   INV-PRIMARY-DELETE a primary phone is deleted only with no secondary left
//   INV-SOFTPHONE-NAME a soft phone named as CUC-1 derives it is found
//   INV-PCM-CONNECT   a PCM connects exactly when it is subscribed (MS-2)
//   INV-PCM-GATEWAY   a call reaching a subscribed PCM line uses one media
//                     gateway model, the effective one (MS-5, MS-6)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/topology.h"
#include "pbxsim/engine/trace.h"

namespace pbxsim {

struct RunObservation {
  const Topology& topology;
  const std::vector<TraceEvent>& trace;
  const std::vector<CallRecord>& calls;
  // The run went on until nothing was pending, so every call has ended.
  // A scenario that stops mid-call may leave calls without an outcome yet.
  bool ran_to_end = true;
};

struct InvariantViolation {
  std::string code;
  std::string message;  // what happened, when, to whom
  TimeUs at_us = 0;
  std::string call;    // "call-3", when it is about a call
  std::string device;
  std::string line;
  int limit = 0;       // the hop limit or the maximum that was exceeded
  CallId call_id = 0;  // the call's id, when it is about a call
  std::string user;    // the user, when it is about one (a login, a profile, a client)
  std::string group;   // the group, when it is about one
  std::string profile;  // the profile, when it is about one
  std::string expected;  // facts of the topology the Lua check needs, as a Lua value (INV-CTI-RECONNECT)
  // The topology parks calls: the Lua of a "no alert while ..." check also
  // skips park reversions (kept out of reproducers without call park).
  bool call_park = false;
};

struct Invariant {
  std::string_view code;
  std::string_view statement;
  void (*check)(const RunObservation& run, std::vector<InvariantViolation>& violations);
  // Lua statements for a scenario's steps, after the run, that fail exactly
  // when this violation happens again.
  std::vector<std::string> (*lua_check)(const InvariantViolation& violation);
  // The catalogue behaviours a violation breaks: a reproducer covers them, as
  // a hand-written regression scenario would.
  std::vector<std::string_view> covers;
};

const std::vector<Invariant>& invariants();
const Invariant* find_invariant(std::string_view code);

// One checker may report several codes (check_call_park: the INV-PARK-*):
// it is listed under the first and the others have no `check` of their own.

// Every invariant over one run, in the order of invariants().
std::vector<InvariantViolation> check_invariants(const RunObservation& run);

}  // namespace pbxsim
