// Sections: scenarios · checks · calls.
#include "side_by_side.h"

#include <algorithm>
#include <map>
#include <set>

#include "pbxsim/simulator/call_summary.h"

namespace pbxsim::viewer {
namespace {

using Kind = DiffEntry::Kind;

std::string status_text(const ScenarioReport* report) {
  if (report == nullptr) return "-";
  switch (report->status) {
    case ScenarioReport::Status::Passed: return "passed";
    case ScenarioReport::Status::Failed: return "FAILED";
    case ScenarioReport::Status::Error: return "ERROR";
  }
  return "?";
}

// Regression before improvement before change.
int gravity(Kind kind) { return kind == Kind::Regression ? 2 : kind == Kind::Improvement ? 1 : 0; }

std::string or_dash(const std::string* text) { return text ? *text : std::string("-"); }

// ------------------------------------------------------------------------ checks

// The n-th check standing at the same place with the same subject matches
// the n-th (run_diff.cpp's rule).
std::string check_key(const CheckResult& check, int occurrence) {
  return check.file + ":" + std::to_string(check.line) + " " + check.subject + " " + check.relation + " #" +
         std::to_string(occurrence);
}

std::string check_text(const CheckResult& check) {
  return (check.passed ? "pass: " : "FAIL: ") + check.actual;
}

void add_checks(const ScenarioRunResult& before, const ScenarioRunResult& after, std::vector<SideRow>& rows) {
  std::map<std::string, const CheckResult*> before_by_key;
  std::map<std::string, int> seen;
  for (const CheckResult& check : before.checks) {
    before_by_key[check_key(check, seen[check_key(check, 0)]++)] = &check;
  }
  seen.clear();
  std::set<std::string> matched;
  for (const CheckResult& check : after.checks) {
    const std::string key = check_key(check, seen[check_key(check, 0)]++);
    matched.insert(key);
    const auto was = before_by_key.find(key);
    const CheckResult* then = was == before_by_key.end() ? nullptr : was->second;
    if (then && then->actual == check.actual && then->passed == check.passed) continue;
    const std::string label = check.file + ":" + std::to_string(check.line) + " " +
                              (check.subject.empty() ? "value" : check.subject);
    rows.push_back(SideRow{SideRow::Kind::Check, label, then ? check_text(*then) : "-", check_text(check), true});
  }
  for (const auto& [key, check] : before_by_key) {
    if (matched.contains(key)) continue;
    rows.push_back(SideRow{SideRow::Kind::Check, check->file + ":" + std::to_string(check->line) + " " + check->subject,
                           check_text(*check), "-", true});
  }
}

// ------------------------------------------------------------------------- calls

std::string word_of(const std::string& fact) { return fact.substr(0, fact.find(' ')); }

void add_call(const CallRecord* before, const std::vector<TraceEvent>* before_trace, const CallRecord* after,
              const std::vector<TraceEvent>* after_trace, std::vector<SideRow>& rows) {
  const std::vector<std::string> then_facts = before ? call_facts(*before) : std::vector<std::string>{};
  const std::vector<std::string> now_facts = after ? call_facts(*after) : std::vector<std::string>{};
  const std::vector<std::string> then_route = before ? call_route(*before_trace, before->id) : std::vector<std::string>{};
  const std::vector<std::string> now_route = after ? call_route(*after_trace, after->id) : std::vector<std::string>{};
  if (before && after && then_facts == now_facts && then_route == now_route && before->caller == after->caller &&
      before->dialed == after->dialed) {
    return;
  }
  rows.push_back(SideRow{SideRow::Kind::Call, "call-" + std::to_string(after ? after->id : before->id),
                         before ? call_heading(*before) : "-", after ? call_heading(*after) : "-", true});
  // Facts line up by their first word (outcome, path, alerted, ...), in run B's order.
  std::vector<std::string> words;
  std::map<std::string, const std::string*> then_by_word, now_by_word;
  for (const std::string& fact : now_facts) {
    if (now_by_word.emplace(word_of(fact), &fact).second) words.push_back(word_of(fact));
  }
  for (const std::string& fact : then_facts) {
    if (then_by_word.emplace(word_of(fact), &fact).second && !now_by_word.contains(word_of(fact))) {
      words.push_back(word_of(fact));
    }
  }
  for (const std::string& word : words) {
    const auto then = then_by_word.find(word);
    const auto now = now_by_word.find(word);
    const std::string* a = then == then_by_word.end() ? nullptr : then->second;
    const std::string* b = now == now_by_word.end() ? nullptr : now->second;
    rows.push_back(SideRow{SideRow::Kind::Fact, word, or_dash(a), or_dash(b), !a || !b || *a != *b});
  }
  // The route step by step, with the time of each hop, alert and answer.
  for (std::size_t i = 0; i < std::max(then_route.size(), now_route.size()); ++i) {
    const std::string* a = i < then_route.size() ? &then_route[i] : nullptr;
    const std::string* b = i < now_route.size() ? &now_route[i] : nullptr;
    rows.push_back(SideRow{SideRow::Kind::Step, "step " + std::to_string(i + 1), or_dash(a), or_dash(b),
                           !a || !b || *a != *b});
  }
}

void add_calls(const ScenarioRunResult& before, const ScenarioRunResult& after, std::vector<SideRow>& rows) {
  std::map<CallId, const CallRecord*> before_calls;
  for (const CallRecord& call : before.calls) before_calls[call.id] = &call;
  std::set<CallId> matched;
  for (const CallRecord& call : after.calls) {
    const auto was = before_calls.find(call.id);
    if (was != before_calls.end()) matched.insert(call.id);
    add_call(was == before_calls.end() ? nullptr : was->second, &before.trace, &call, &after.trace, rows);
  }
  for (const CallRecord& call : before.calls) {
    if (!matched.contains(call.id)) add_call(&call, &before.trace, nullptr, &after.trace, rows);
  }
}

}  // namespace

// --------------------------------------------------------------------- scenarios

SideBySide side_by_side(const StoredRun& before, const StoredRun& after, const RunDiff& diff, bool only_changed) {
  SideBySide table;
  std::map<std::string, Kind> changed;  // scenario label -> the gravest entry
  for (const DiffEntry& entry : diff.entries) {
    if (entry.scenario.empty()) continue;
    auto [it, added] = changed.emplace(entry.scenario, entry.kind);
    if (!added && gravity(entry.kind) > gravity(it->second)) it->second = entry.kind;
  }
  std::map<std::pair<std::string, std::string>, const ScenarioReport*> before_scenarios;
  for (const ScenarioReport& report : before.suite.scenarios) {
    before_scenarios[{report.file, report.result.decl.name}] = &report;
  }
  std::set<std::pair<std::string, std::string>> seen;
  auto add_scenario = [&](const ScenarioReport* then, const ScenarioReport* now) {
    const std::string label = scenario_label(now ? *now : *then);
    const auto found = changed.find(label);
    if (only_changed && found == changed.end()) return;
    ++table.scenarios;
    SideRow row{SideRow::Kind::Scenario, label, status_text(then), status_text(now), found != changed.end()};
    if (found != changed.end()) {
      row.tone = found->second;
      ++table.changed_scenarios;
    }
    table.rows.push_back(std::move(row));
    if (then && now && found != changed.end()) {
      if (then->result.policy != now->result.policy) {
        table.rows.push_back(SideRow{SideRow::Kind::Check, "policy", then->result.policy, now->result.policy, true});
      }
      add_checks(then->result, now->result, table.rows);
      add_calls(then->result, now->result, table.rows);
    }
  };
  for (const ScenarioReport& report : after.suite.scenarios) {
    const std::pair<std::string, std::string> key{report.file, report.result.decl.name};
    seen.insert(key);
    const auto found = before_scenarios.find(key);
    add_scenario(found == before_scenarios.end() ? nullptr : found->second, &report);
  }
  for (const ScenarioReport& report : before.suite.scenarios) {
    if (!seen.contains({report.file, report.result.decl.name})) add_scenario(&report, nullptr);
  }
  return table;
}

}  // namespace pbxsim::viewer
