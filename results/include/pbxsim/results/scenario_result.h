// What running one scenario produced: its declaration, every check with its
// outcome, the trace, the calls, the topology as read, and the error that
// ended it, if any. Scripting fills it in; the simulator reports and stores
// it; the viewer reads it back from a results database without Lua.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pbxsim/engine/call_record.h"
#include "pbxsim/engine/time.h"
#include "pbxsim/engine/topology.h"
#include "pbxsim/engine/trace.h"
#include "pbxsim/results/script_error.h"

namespace pbxsim {

struct ScenarioDecl {
  std::string name;
  int line = 0;  // where `scenario "name"` stands
  std::string description;
  std::vector<std::string> covers;
  std::string policy;  // empty: the default policy
  // Routing findings (`pbxsim check`) the scenario means to have, by code
  // ("PBX-LOOP") or code and subject ("PBX-UNREACHABLE:2000").
  std::vector<std::string> expect_findings;
  // The scenario passes only if loading it (policy, topology, validation)
  // fails with an error containing this text: a vendor limit refused at
  // load time. Empty: loading must succeed.
  std::string expect_load_error;
};

struct CheckResult {
  bool passed = false;
  std::string file;
  int line = 0;
  std::string subject;   // what the author called the value, or empty
  std::string relation;  // "is", "contains", ...
  std::string expected;
  std::string actual;
  TimeUs time_us = -1;   // simulated time the expect ran at; -1 for generated checks
  // The call the check is about: the call handle whose field was read for
  // `expect(c.outcome)` (or while the relation ran); 0 when none was. The
  // viewer opens a failing scenario on this call.
  CallId call = 0;
};

struct ScenarioRunResult {
  ScenarioDecl decl;
  std::string policy;  // the policy that actually ran
  std::vector<CheckResult> checks;
  std::optional<ScriptError> error;
  std::uint64_t trace_hash = 0;
  std::uint64_t trace_events = 0;
  std::vector<TraceEvent> trace;
  // Events pending in the simulation's queue when each trace event was
  // recorded (parallel to trace; may be empty), and the most at once.
  std::vector<std::uint32_t> queue_depths;
  std::uint64_t peak_queue_depth = 0;
  std::vector<CallRecord> calls;
  std::vector<std::string> printed;
  // The topology as read (policy defaults applied), also when validate()
  // rejected it, so `pbxsim check` can analyse and locate every problem.
  std::optional<Topology> topology;
  std::string policy_spec;  // the policy as named (a standard name or a path)
  std::int64_t policy_answers_from_cache = 0;  // hook answers the decision cache gave (never in the trace)

  bool passed() const;
};

// "FILE:LINE: subject: expected [relation ]EXPECTED, got ACTUAL": a failed
// check as reporters print it and the results database stores it.
std::string describe_check(const CheckResult& check);
// A check that passed: "FILE:LINE: subject relation expected" (`-v`).
std::string describe_passed_check(const CheckResult& check);

}  // namespace pbxsim
