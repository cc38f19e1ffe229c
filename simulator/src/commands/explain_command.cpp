// Sections: finding the scenario · printing a call · a call as JSON · the
// command line.
#include "explain_command.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <vector>

#include "../call_json.h"
#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/call_explanation.h"
#include "pbxsim/simulator/results_store.h"
#include "pbxsim/simulator/valid_utf8.h"

namespace pbxsim {
namespace {

constexpr int kExitBadInput = 2;

// A results database starts with SQLite's header; anything else is read as a scenario file.
bool is_results_database(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  char header[16] = {};
  file.read(header, sizeof header);
  return file.gcount() == sizeof header && std::string_view(header, sizeof header) == std::string_view("SQLite format 3\0", 16);
}

// What explain prints for one scenario: its calls and its trace.
struct Explained {
  std::string file;
  std::string policy;
  std::vector<CallRecord> calls;
  std::vector<TraceEvent> trace;
};

// ------------------------------------------------------------ finding the scenario

void list_names(std::ostream& err, const std::vector<std::string>& names) {
  err << "; its scenarios:";
  for (const std::string& name : names) err << "\n  " << name;
  err << "\n";
}

std::optional<Explained> from_scenario_file(const ExplainFlags& flags, std::ostream& err) {
  const SandboxLimits limits;
  auto listed = list_scenarios(flags.file, limits);
  if (auto* error = std::get_if<ScriptError>(&listed)) {
    err << error->text() << "\n";
    return std::nullopt;
  }
  const auto& decls = std::get<std::vector<ScenarioDecl>>(listed);
  std::vector<std::string> names;
  std::optional<std::size_t> index;
  for (std::size_t i = 0; i < decls.size(); ++i) {
    names.push_back(decls[i].name);
    if (!index && decls[i].name == flags.scenario) index = i;
  }
  if (!index) {
    err << flags.file << ": no scenario named '" << flags.scenario << "'";
    list_names(err, names);
    return std::nullopt;
  }
  ScenarioRunOptions options;
  options.seed = flags.seed;
  options.policy_override = flags.policy;
  options.record_decisions = true;
  ScenarioRunResult result = run_scenario(flags.file, *index, options);
  if (result.error) {
    err << result.error->text() << "\n";
    if (result.trace.empty()) return std::nullopt;  // it did not run: nothing to explain
  }
  return Explained{flags.file, result.policy, std::move(result.calls), std::move(result.trace)};
}

std::optional<Explained> from_database(const ExplainFlags& flags, std::ostream& err) {
  auto opened = ResultsDb::open(flags.file, ResultsDb::Mode::Read);
  if (auto* error = std::get_if<std::string>(&opened)) {
    err << "pbxsim: " << *error << "\n";
    return std::nullopt;
  }
  auto loaded = std::get<std::unique_ptr<ResultsDb>>(opened)->load_run(flags.run);
  if (auto* error = std::get_if<std::string>(&loaded)) {
    err << "pbxsim: " << *error << "\n";
    return std::nullopt;
  }
  StoredRun& stored = std::get<StoredRun>(loaded);
  std::vector<std::string> names;
  for (ScenarioReport& report : stored.suite.scenarios) {
    if (report.result.decl.name != flags.scenario) {
      names.push_back(report.result.decl.name);
      continue;
    }
    if (!has_decisions(report.result.trace)) {
      err << "pbxsim: " << flags.file << " " << stored.info.describe()
          << " holds no policy decisions: the steps are shown without their rules (store them with "
             "`pbxsim run "
          << report.file << " --db " << flags.file << " --decisions`)\n";
    }
    return Explained{report.file, report.result.policy, std::move(report.result.calls),
                     std::move(report.result.trace)};
  }
  err << flags.file << " " << stored.info.describe() << ": no scenario named '" << flags.scenario << "'";
  list_names(err, names);
  return std::nullopt;
}

// -------------------------------------------------------------- printing a call

// Where a step happened: the device, else the line or group, else the call.
std::string step_place(const TraceEvent& event) {
  if (!event.device.empty()) return event.device;
  if (!event.line.empty()) return event.line;
  if (!event.group.empty()) return "group " + event.group;
  if (!event.target.empty() && event.kind == TraceKind::CallOffered) return event.target;
  return "call-" + std::to_string(event.call);
}

// What happened, from the typed fields.
std::string step_what(const TraceEvent& event) {
  switch (event.kind) {
    case TraceKind::CallOffered: return "offered from " + event.caller;
    case TraceKind::Alerted: return event.reason == "silent" ? "alerted silently" : "alerted";
    case TraceKind::Skipped: return "skipped: " + event.reason;
    case TraceKind::Forwarded:
      return "forwarded " + event.reason + " -> " + event.target;
    case TraceKind::NoAnswerTimeout: return "no answer after " + format_duration(event.duration_us);
    case TraceKind::AlertStopped: return event.reason.empty() ? "alert stopped" : "alert stopped: " + event.reason;
    case TraceKind::Answered: return "answered";
    case TraceKind::Outcome: return "outcome: " + event.reason;
    case TraceKind::Decided: return "decided: " + event.target;
    case TraceKind::Try:  // ordered tries: the rule is the record's own
      return "try " + std::to_string(event.count) + " -> " + event.target +
             (event.duration_us >= 0 ? " for " + format_duration(event.duration_us) : " (last)");
    default: return std::string(trace_kind_name(event.kind)) + ": " + event.text;
  }
}

void print_call(std::ostream& out, const Explained& explained, const CallRecord& call) {
  out << "call-" << call.id << " from " << call.caller << " to " << call.dialed << ": "
      << call_outcome_name(call.outcome);
  if (!call.outcome_detail.empty()) out << " (" << call.outcome_detail << ")";
  out << "   [" << explained.file << ", policy " << explained.policy << "]\n";
  for (const ExplainedStep& step : explain_call(explained.trace, call.id)) {
    const TraceEvent& shown = step.step != nullptr ? *step.step : *step.decision;
    out << "  " << std::left << std::setw(8) << format_duration(shown.time_us) << std::setw(12) << step_place(shown);
    if (step.decision != nullptr) out << std::setw(34) << step_what(shown) << decision_rule_text(*step.decision);
    else if (!shown.rule.empty()) out << std::setw(34) << step_what(shown) << shown.rule;  // a try's rule
    else out << step_what(shown);
    out << "\n";
  }
}

// --------------------------------------------------------------- a call as JSON

// A decision: the hook (reason), its answer (target), the rule and the facts read.
nlohmann::json decision_json(const TraceEvent& decision) {
  nlohmann::json facts = nlohmann::json::array();
  for (const TraceFact& fact : decision.facts) facts.push_back({{"name", fact.name}, {"value", fact.value}});
  return {{"hook", decision.reason}, {"answer", decision.target}, {"rule", decision.rule}, {"facts", facts}};
}

// One step: when, where, what (as printed), the record's kind and typed
// fields (empty ones left out), and the decision behind it or null.
nlohmann::json step_json(const ExplainedStep& step) {
  const TraceEvent& shown = step.step != nullptr ? *step.step : *step.decision;
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& [name, value] : {std::pair{"device", &shown.device}, std::pair{"line", &shown.line},
                                    std::pair{"user", &shown.user}, std::pair{"group", &shown.group},
                                    std::pair{"reason", &shown.reason}, std::pair{"target", &shown.target},
                                    std::pair{"caller", &shown.caller}}) {
    if (!value->empty()) fields[name] = *value;
  }
  if (shown.duration_us >= 0) fields["duration_us"] = shown.duration_us;
  if (shown.kind == TraceKind::Try) fields["count"] = shown.count;
  if (!shown.rule.empty() && shown.kind != TraceKind::Decided) fields["rule"] = shown.rule;
  return {{"time_us", shown.time_us},
          {"kind", trace_kind_name(shown.kind)},
          {"place", step_place(shown)},
          {"what", step_what(shown)},
          {"fields", fields},
          {"decision", step.decision != nullptr ? decision_json(*step.decision) : nlohmann::json(nullptr)}};
}

nlohmann::json explained_json(const Explained& explained, const ExplainFlags& flags) {
  nlohmann::json calls = nlohmann::json::array();
  for (const CallRecord& call : explained.calls) {
    if (flags.call && call.id != *flags.call) continue;
    nlohmann::json steps = nlohmann::json::array();
    for (const ExplainedStep& step : explain_call(explained.trace, call.id)) steps.push_back(step_json(step));
    nlohmann::json entry = call_json(call);
    entry["steps"] = std::move(steps);
    calls.push_back(std::move(entry));
  }
  return {{"file", explained.file},
          {"scenario", flags.scenario},
          {"policy", explained.policy},
          {"decisions_recorded", has_decisions(explained.trace)},
          {"calls", std::move(calls)}};
}

}  // namespace

// ------------------------------------------------------------------ the command line

CLI::App* add_explain_command(CLI::App& app, ExplainFlags& flags) {
  CLI::App* explain = app.add_subcommand(
      "explain", "A call's path with the policy rule (file:line, facts read) behind each step");
  explain->add_option("file", flags.file, "A scenario file (run with decisions recorded) or a results database "
                                          "(a run stored with --decisions)")
      ->required();
  explain->add_option("--scenario", flags.scenario, "The scenario's name")->required();
  explain->add_option("--call", flags.call, "Only this call (1 is the scenario's first); default every call")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4'000'000'000}));
  explain->add_option("--run", flags.run, "With a results database: the run id (default: the latest)");
  explain->add_option("--seed", flags.seed, "With a scenario file: the seed (default 1)");
  explain->add_option("--policy", flags.policy, "With a scenario file: run under this policy instead of its own");
  explain->add_flag("--json", flags.json,
                    "Print the calls, their steps (time, place, kind, typed fields) and the decision behind each step "
                    "(hook, answer, rule, facts read) as JSON");
  return explain;
}

int explain_command(const ExplainFlags& flags, std::ostream& out, std::ostream& err) {
  const bool database = is_results_database(flags.file);
  if (database && (!flags.policy.empty() || flags.seed != 1)) {
    err << "pbxsim: --seed and --policy run a scenario file; " << flags.file
        << " is a results database, explained as it was stored\n";
    return kExitBadInput;
  }
  std::optional<Explained> explained = database ? from_database(flags, err) : from_scenario_file(flags, err);
  if (!explained) return kExitBadInput;
  if (explained->calls.empty()) {
    err << "pbxsim: scenario '" << flags.scenario << "' places no call\n";
    return kExitBadInput;
  }
  if (flags.call && (*flags.call == 0 || *flags.call > explained->calls.size())) {
    err << "pbxsim: scenario '" << flags.scenario << "' has no call " << *flags.call << " (it has "
        << explained->calls.size() << ": --call 1 to " << explained->calls.size() << ")\n";
    return kExitBadInput;
  }
  if (flags.json) {
    out << json_text(explained_json(*explained, flags), 2) << "\n";
    return 0;
  }
  bool first = true;
  for (const CallRecord& call : explained->calls) {
    if (flags.call && call.id != *flags.call) continue;
    if (!first) out << "\n";
    first = false;
    print_call(out, *explained, call);
  }
  return 0;
}

}  // namespace pbxsim
