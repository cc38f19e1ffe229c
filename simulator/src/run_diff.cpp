// Sections: matching · scenarios · checks · calls · the whole run · printing.
#include "pbxsim/simulator/run_diff.h"
#include "pbxsim/engine/text.h"

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <tuple>

#include "pbxsim/simulator/call_summary.h"
#include "pbxsim/simulator/valid_utf8.h"

namespace pbxsim {

std::string scenario_label(const ScenarioReport& report) {
  return report.file + ":" + std::to_string(report.result.decl.line) + "  " + report.result.decl.name;
}

namespace {

// The kinds of record that decide a call's route: hops, alerts, answers, the outcome.
bool decides_route(TraceKind kind) {
  switch (kind) {
    case TraceKind::CallOffered:
    case TraceKind::Forwarded:
    case TraceKind::Alerted:
    case TraceKind::Skipped:
    case TraceKind::Answered:
    case TraceKind::Outcome: return true;
    default: return false;
  }
}

}  // namespace

// What decides a call's route, with times.
std::vector<std::string> call_route(const std::vector<TraceEvent>& trace, CallId id) {
  std::vector<std::string> route;
  for (const TraceEvent& event : events_of_call(trace, id)) {
    if (!decides_route(event.kind)) continue;
    route.push_back(format_duration(event.time_us) + " " + std::string(trace_kind_name(event.kind)) + " " +
                    event.subject + ": " + event.text);
  }
  return route;
}

namespace {

using Kind = DiffEntry::Kind;

// ------------------------------------------------------------------------ matching

// Checks are matched by where they stand and what they check; the n-th check
// with the same key (an expect in a loop) matches the n-th.
using CheckKey = std::tuple<std::string, int, std::string, std::string, int>;

std::map<CheckKey, const CheckResult*> index_checks(const std::vector<CheckResult>& checks,
                                                    std::vector<CheckKey>* order) {
  std::map<CheckKey, const CheckResult*> index;
  std::map<std::tuple<std::string, int, std::string, std::string>, int> seen;
  for (const CheckResult& check : checks) {
    const int occurrence = seen[{check.file, check.line, check.subject, check.relation}]++;
    CheckKey key{check.file, check.line, check.subject, check.relation, occurrence};
    index[key] = &check;
    if (order) order->push_back(key);
  }
  return index;
}

std::string check_label(const CheckResult& check) {
  return check.file + ":" + std::to_string(check.line) + " " + (check.subject.empty() ? "value" : check.subject);
}

// --------------------------------------------------------------------- scenarios

void diff_status(const ScenarioReport* before, const ScenarioReport& after, std::vector<DiffEntry>& out,
                 const std::string& label) {
  const bool passes = after.status == ScenarioReport::Status::Passed;
  if (before == nullptr) {
    out.push_back({passes ? Kind::Change : Kind::Regression, label,
                   {"new scenario, " + std::string(status_name(after.status))}});
    return;
  }
  if (before->status == after.status) return;
  const std::string text = std::string(status_name(before->status)) + " -> " + std::string(status_name(after.status));
  if (before->status == ScenarioReport::Status::Passed) {
    out.push_back({Kind::Regression, label, {"stopped passing: " + text}});
  } else if (passes) {
    out.push_back({Kind::Improvement, label, {"started passing: " + text}});
  } else {
    out.push_back({after.status == ScenarioReport::Status::Error ? Kind::Regression : Kind::Change, label,
                   {"status " + text}});
  }
}

// ------------------------------------------------------------------------ checks

void diff_checks(const ScenarioRunResult& before, const ScenarioRunResult& after, std::vector<DiffEntry>& out,
                 const std::string& label) {
  std::vector<CheckKey> before_order;
  std::vector<CheckKey> after_order;
  const auto before_index = index_checks(before.checks, &before_order);
  const auto after_index = index_checks(after.checks, &after_order);
  for (const CheckKey& key : after_order) {
    const CheckResult& now = *after_index.at(key);
    const auto was = before_index.find(key);
    if (was == before_index.end()) {
      out.push_back({Kind::Change, label, {"new check " + check_label(now) + ": " + (now.passed ? "passes" : "fails")}});
      continue;
    }
    const CheckResult& then = *was->second;
    if (then.actual != now.actual) {
      // Worse only when it stopped passing; a check that now passes is an
      // improvement, one that stays failing (or passing) another value a change.
      const Kind kind = then.passed == now.passed ? Kind::Change : now.passed ? Kind::Improvement : Kind::Regression;
      out.push_back({kind, label,
                     {"check " + check_label(now) + ": actual changed" +
                          (then.passed != now.passed ? (now.passed ? " (now passes)" : " (now fails)")
                                                     : (now.passed ? " (still passes)" : " (still fails)")),
                      "was  " + then.actual, "now  " + now.actual}});
    } else if (then.expected != now.expected || then.passed != now.passed) {
      out.push_back({Kind::Change, label,
                     {"check " + check_label(now) + ": expectation changed", "was  " + then.expected,
                      "now  " + now.expected}});
    }
  }
  for (const CheckKey& key : before_order) {
    if (!after_index.contains(key)) {
      out.push_back({Kind::Change, label, {"check " + check_label(*before_index.at(key)) + " is gone"}});
    }
  }
}

// ------------------------------------------------------------------------- calls

// The steps that decide a call's route without their times, from the
// records' typed fields (kind, device, line, reason, target ...; not the
// time, a duration or the rendered text). A record read back from a results
// file older than typed records has only its text, which stands in for them.
std::vector<std::string> untimed_route(const std::vector<TraceEvent>& trace, CallId id) {
  std::vector<std::string> steps;
  for (const TraceEvent& event : events_of_call(trace, id)) {
    if (!decides_route(event.kind)) continue;
    std::string step(trace_kind_name(event.kind));
    bool typed = event.call != 0;
    for (const TraceStringField& field : kTraceStringFields) {
      const std::string& value = event.*field.member;
      if (value.empty()) continue;
      typed = true;
      step.append(" ").append(field.name).append("=").append(value);
    }
    if (event.count >= 0) step.append(" count=").append(std::to_string(event.count));
    if (!typed) step.append(" ").append(event.subject).append(": ").append(event.text);
    steps.push_back(std::move(step));
  }
  return steps;
}

// The same outcome, path, alerted, silent, skipped and answering device; times aside.
bool same_places(const CallRecord& a, const CallRecord& b) {
  return a.outcome == b.outcome && a.outcome_detail == b.outcome_detail && a.path.to_vector() == b.path.to_vector() &&
         format_alerted(a) == format_alerted(b) && format_skipped(a) == format_skipped(b) &&
         a.answered_by == b.answered_by && a.caller == b.caller && a.dialed == b.dialed;
}

// `changed_kind`: what a changed call counts as (a regression, unless the
// scenario started passing, when the calls changed with it).
void diff_calls(const ScenarioRunResult& before, const ScenarioRunResult& after, std::vector<DiffEntry>& out,
                const std::string& label, Kind changed_kind) {
  std::map<CallId, const CallRecord*> before_calls;
  for (const CallRecord& call : before.calls) before_calls[call.id] = &call;
  std::set<CallId> matched;
  for (const CallRecord& call : after.calls) {
    const auto was = before_calls.find(call.id);
    if (was == before_calls.end()) {
      std::vector<std::string> lines{"new " + call_heading(call)};
      for (const std::string& fact : call_facts(call)) lines.push_back(fact);
      out.push_back({changed_kind, label, lines});
      continue;
    }
    matched.insert(call.id);
    const CallRecord& then = *was->second;
    const std::vector<std::string> then_facts = call_facts(then);
    const std::vector<std::string> now_facts = call_facts(call);
    const std::vector<std::string> then_route = call_route(before.trace, call.id);
    const std::vector<std::string> now_route = call_route(after.trace, call.id);
    if (then_facts == now_facts && then_route == now_route && then.caller == call.caller &&
        then.dialed == call.dialed) {
      continue;
    }
    std::vector<std::string> lines{call_heading(call) + (then.dialed != call.dialed || then.caller != call.caller
                                                             ? " (was " + call_heading(then) + ")"
                                                             : "")};
    // Facts line up by their first word (outcome, path, alerted, ...).
    auto word = [](const std::string& fact) { return fact.substr(0, fact.find(' ')); };
    std::map<std::string, std::string> then_by_word;
    for (const std::string& fact : then_facts) then_by_word[word(fact)] = fact;
    std::set<std::string> shown;
    for (const std::string& fact : now_facts) {
      const std::string key = word(fact);
      shown.insert(key);
      const auto old = then_by_word.find(key);
      if (old == then_by_word.end()) lines.push_back("now  " + fact);
      else if (old->second != fact) {
        lines.push_back("was  " + old->second);
        lines.push_back("now  " + fact);
      }
    }
    for (const std::string& fact : then_facts) {
      if (!shown.contains(word(fact))) lines.push_back("was  " + fact + " (now none)");
    }
    // The same steps at other times (outcome, path, alerted and answered
    // unchanged but for their times) is a timing change, not a regression.
    const bool timing_only =
        same_places(then, call) && untimed_route(before.trace, call.id) == untimed_route(after.trace, call.id);
    if (timing_only) lines[0] += ": timing only";
    if (then_facts == now_facts) {
      // Same places, different times or order: show the first step that differs.
      std::size_t i = 0;
      while (i < then_route.size() && i < now_route.size() && then_route[i] == now_route[i]) ++i;
      lines.push_back("was  " + (i < then_route.size() ? then_route[i] : std::string("(no further step)")));
      lines.push_back("now  " + (i < now_route.size() ? now_route[i] : std::string("(no further step)")));
    }
    out.push_back({timing_only ? Kind::Timing : changed_kind, label, lines});
  }
  for (const CallRecord& call : before.calls) {
    if (!matched.contains(call.id)) out.push_back({changed_kind, label, {call_heading(call) + " is gone"}});
  }
}

}  // namespace

// ---------------------------------------------------------------- the whole run

int RunDiff::count(DiffEntry::Kind kind) const {
  int total = 0;
  for (const DiffEntry& entry : entries) total += entry.kind == kind ? 1 : 0;
  return total;
}

RunDiff diff_runs(const StoredRun& before, const StoredRun& after) {
  RunDiff diff;
  auto& out = diff.entries;
  if (before.info.seed != after.info.seed) {
    out.push_back({Kind::Change, "", {"seed " + std::to_string(before.info.seed) + " -> " + std::to_string(after.info.seed)}});
  }
  if (before.info.policy != after.info.policy) {
    out.push_back({Kind::Change, "", {"--policy " + escaped_quoted(before.info.policy) + " -> " + escaped_quoted(after.info.policy)}});
  }

  std::set<std::string> before_errors;
  for (const ScriptError& error : before.suite.input_errors) before_errors.insert(error.text());
  std::set<std::string> after_errors;
  for (const ScriptError& error : after.suite.input_errors) {
    after_errors.insert(error.text());
    if (!before_errors.contains(error.text())) out.push_back({Kind::Regression, "", {"new input error: " + error.text()}});
  }
  for (const ScriptError& error : before.suite.input_errors) {
    if (!after_errors.contains(error.text())) out.push_back({Kind::Improvement, "", {"input error gone: " + error.text()}});
  }

  std::map<std::pair<std::string, std::string>, const ScenarioReport*> before_scenarios;
  for (const ScenarioReport& report : before.suite.scenarios) {
    before_scenarios[{report.file, report.result.decl.name}] = &report;
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const ScenarioReport& report : after.suite.scenarios) {
    const std::pair<std::string, std::string> key{report.file, report.result.decl.name};
    seen.insert(key);
    const auto found = before_scenarios.find(key);
    const ScenarioReport* then = found == before_scenarios.end() ? nullptr : found->second;
    const std::string label = scenario_label(report);
    diff_status(then, report, out, label);
    if (then == nullptr) continue;
    const std::size_t before_count = out.size();
    if (then->result.policy != report.result.policy) {
      out.push_back({Kind::Change, label, {"policy " + then->result.policy + " -> " + report.result.policy}});
    }
    diff_checks(then->result, report.result, out, label);
    const bool started_passing =
        then->status != ScenarioReport::Status::Passed && report.status == ScenarioReport::Status::Passed;
    diff_calls(then->result, report.result, out, label, started_passing ? Kind::Change : Kind::Regression);
    if (out.size() == before_count && then->result.trace_hash != report.result.trace_hash) {
      out.push_back({Kind::Change, label,
                     {"trace " + format_hash(then->result.trace_hash) + " -> " + format_hash(report.result.trace_hash) +
                      " (no check or call changed)"}});
    }
  }
  for (const ScenarioReport& report : before.suite.scenarios) {
    if (!seen.contains({report.file, report.result.decl.name})) {
      out.push_back({Kind::Change, scenario_label(report),
                     {"not in the second run (was " + std::string(status_name(report.status)) + ")"}});
    }
  }
  return diff;
}

// ---------------------------------------------------------------------- printing

void print_diff(std::ostream& out, const RunDiff& diff, const std::string& before_label,
                const std::string& after_label) {
  if (diff.empty()) return;
  out << "--- " << before_label << "\n+++ " << after_label << "\n";
  std::string scenario = "\x01";  // no scenario printed yet
  for (const DiffEntry& entry : diff.entries) {
    if (entry.scenario != scenario) {
      scenario = entry.scenario;
      out << "\n" << (scenario.empty() ? "the run" : scenario) << "\n";
    }
    const char mark = entry.kind == Kind::Regression    ? '!'
                      : entry.kind == Kind::Improvement ? '+'
                      : entry.kind == Kind::Timing      ? '@'
                                                        : '~';
    for (std::size_t i = 0; i < entry.lines.size(); ++i) {
      out << (i == 0 ? std::string("  ") + mark + " " : std::string("      ")) << entry.lines[i] << "\n";
    }
  }
  out << "\n"
      << diff.count(Kind::Regression) << " regression(s), " << diff.count(Kind::Improvement) << " improvement(s), "
      << diff.count(Kind::Timing) << " timing change(s), " << diff.count(Kind::Change)
      << " other change(s)  (! regression, + improvement, @ timing only, ~ other)\n";
}

std::string_view diff_kind_name(DiffEntry::Kind kind) {
  switch (kind) {
    case Kind::Regression: return "regression";
    case Kind::Improvement: return "improvement";
    case Kind::Timing: return "timing";
    case Kind::Change: return "change";
  }
  return "change";
}

std::string diff_json(const RunDiff& diff, const std::string& before_label, const std::string& after_label) {
  nlohmann::json entries = nlohmann::json::array();
  for (const DiffEntry& entry : diff.entries) {
    entries.push_back({{"kind", diff_kind_name(entry.kind)}, {"scenario", entry.scenario}, {"lines", entry.lines}});
  }
  const nlohmann::json document{{"before", before_label},
                                {"after", after_label},
                                {"entries", entries},
                                {"regressions", diff.count(Kind::Regression)},
                                {"improvements", diff.count(Kind::Improvement)},
                                {"timing_changes", diff.count(Kind::Timing)},
                                {"other_changes", diff.count(Kind::Change)}};
  // Names and numbers read from a results file may be any bytes.
  return json_text(document, 2) + "\n";
}

}  // namespace pbxsim
