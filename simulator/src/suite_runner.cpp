#include "pbxsim/simulator/suite_runner.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <variant>

#include "ordered_pool.h"
#include "pbxsim/simulator/catalogue.h"
#include "pbxsim/simulator/discovery.h"
#include "pbxsim/simulator/golden.h"

namespace pbxsim {
namespace {

bool covers(const ScenarioDecl& decl, std::string_view id) {
  for (const std::string& covered : decl.covers) {
    if (covered == id) return true;
  }
  return false;
}

std::optional<ScriptError> unknown_cover(const ScenarioDecl& decl, const std::string& file) {
  for (const std::string& id : decl.covers) {
    if (!in_catalogue(id)) {
      return ScriptError{ScriptError::Kind::Config, file, decl.line,
                         "covers names '" + id + "', which is not in the behaviour catalogue (see pbxsim coverage)"};
    }
  }
  return std::nullopt;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

bool contains_any_case(std::string_view text, std::string_view part) {
  auto lower = [](unsigned char c) { return static_cast<char>(std::tolower(c)); };
  auto found = std::search(text.begin(), text.end(), part.begin(), part.end(),
                           [&](char a, char b) { return lower(static_cast<unsigned char>(a)) == lower(static_cast<unsigned char>(b)); });
  return found != text.end() || part.empty();
}

}  // namespace

bool selected(const SuiteOptions& options, const std::string& file, const std::string& name) {
  if (!options.filter.empty() && !glob_match(options.filter, name) && !glob_match(options.filter, file)) return false;
  if (!options.keyword.empty() && !contains_any_case(name, options.keyword) &&
      !contains_any_case(file, options.keyword)) {
    return false;
  }
  return !options.only || options.only->contains({file, name});
}

namespace {

// One entry of the suite, in suite order: a file that could not be listed,
// or one scenario to run.
struct SuiteItem {
  std::optional<ScriptError> input_error;
  std::string file;
  int file_ordinal = 0;
  std::size_t index = 0;
  ScenarioDecl decl;
};

using Listing = std::variant<std::vector<ScenarioDecl>, ScriptError>;

ScenarioReport run_item(const SuiteItem& item, const SuiteOptions& options, const ScenarioRunOptions& run_options) {
  ScenarioReport report;
  report.file = item.file;
  report.index = item.index;
  report.file_ordinal = item.file_ordinal;
  const auto started = std::chrono::steady_clock::now();
  report.result = run_scenario(item.file, item.index, run_options);
  if (report.result.decl.name.empty()) report.result.decl = item.decl;
  if (!report.result.error) report.result.error = unknown_cover(report.result.decl, item.file);

  // CORE-7: the same scenario, policy and seed give the same trace.
  const bool repeat = !options.validate_only && !report.result.error &&
                      (options.check_determinism || covers(report.result.decl, "CORE-7"));
  if (repeat) {
    const ScenarioRunResult again = run_scenario(item.file, item.index, run_options);
    const bool same = again.trace_hash == report.result.trace_hash && again.error == std::nullopt &&
                      again.trace_events == report.result.trace_events;
    report.result.checks.push_back(CheckResult{same, item.file, report.result.decl.line,
                                               "trace hash of a second run", "is",
                                               format_hash(report.result.trace_hash), format_hash(again.trace_hash)});
  }
  if (options.compare_golden && !options.validate_only && !report.result.error) {
    add_golden_check(item.file, options.seed, report.result);
  }
  report.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  report.status = report.result.error        ? ScenarioReport::Status::Error
                  : report.result.passed()   ? ScenarioReport::Status::Passed
                                             : ScenarioReport::Status::Failed;
  return report;
}

// The suite's items in order (files that could not be listed, scenarios
// `selected` keeps); discovery errors go to `input_error`.
std::vector<SuiteItem> collect_items(const SuiteOptions& options,
                                     const std::function<void(ScriptError, int)>& input_error) {
  Discovery discovery = discover_scenario_files(options.paths);
  for (ScriptError& error : discovery.errors) input_error(std::move(error), -1);

  // This shard's files, each with its position in the whole suite.
  std::vector<std::pair<std::string, int>> files;
  for (std::size_t ordinal = 0; ordinal < discovery.files.size(); ++ordinal) {
    const std::string& file = discovery.files[ordinal];
    if (options.shard.whole() || shard_of(file, options.shard.count) == options.shard.index) {
      files.emplace_back(file, static_cast<int>(ordinal));
    }
  }

  // Listing loads every file once; the items it yields are the suite's order.
  std::vector<SuiteItem> items;
  for_each_ordered<Listing>(
      files.size(), options.jobs,
      [&](std::size_t i) { return list_scenarios(files[i].first, options.scenario_limits); },
      [&](std::size_t i, Listing&& listed) {
        const auto& [file, ordinal] = files[i];
        if (auto* error = std::get_if<ScriptError>(&listed)) {
          items.push_back(SuiteItem{std::move(*error), file, ordinal, 0, {}});
          return;
        }
        auto& decls = std::get<std::vector<ScenarioDecl>>(listed);
        if (decls.empty()) {
          items.push_back(SuiteItem{ScriptError{ScriptError::Kind::Config, file, 0,
                                                "declares no scenario (write scenario \"what it checks\" { ... }; "
                                                "workloads run with pbxsim bench)"},
                                    file, ordinal, 0, {}});
          return;
        }
        for (std::size_t index = 0; index < decls.size(); ++index) {
          if (!selected(options, file, decls[index].name)) continue;
          items.push_back(SuiteItem{std::nullopt, file, ordinal, index, std::move(decls[index])});
        }
      });
  return items;
}

}  // namespace

SuiteReport list_suite(const SuiteOptions& options) {
  SuiteReport suite;
  suite.seed = options.seed;
  suite.policy = options.policy;
  for (SuiteItem& item : collect_items(options, [&](ScriptError error, int ordinal) {
         suite.input_errors.push_back(std::move(error));
         suite.input_error_ordinals.push_back(ordinal);
       })) {
    if (item.input_error) {
      suite.input_errors.push_back(std::move(*item.input_error));
      suite.input_error_ordinals.push_back(item.file_ordinal);
      continue;
    }
    ScenarioReport report;
    report.file = item.file;
    report.index = item.index;
    report.file_ordinal = item.file_ordinal;
    report.result.decl = std::move(item.decl);
    suite.scenarios.push_back(std::move(report));
  }
  return suite;
}

SuiteReport run_suite(const SuiteOptions& options, const ScenarioListener& on_scenario,
                      const InputErrorListener& on_input_error) {
  SuiteReport suite;
  suite.seed = options.seed;
  suite.policy = options.policy;
  auto input_error = [&](ScriptError error, int file_ordinal) {
    if (on_input_error) on_input_error(error);
    suite.input_errors.push_back(std::move(error));
    suite.input_error_ordinals.push_back(file_ordinal);
  };
  const std::vector<SuiteItem> items = collect_items(options, input_error);

  ScenarioRunOptions run_options;
  run_options.seed = options.seed;
  run_options.policy_override = options.policy;
  run_options.scenario_limits = options.scenario_limits;
  run_options.engine_kept_bytes = options.engine_kept_bytes;
  run_options.validate_only = options.validate_only;
  run_options.record_decisions = options.record_decisions;
  run_options.decision_cache = options.decision_cache;

  // -x: once a failure is delivered (in suite order) nothing after it is
  // reported; workers skip what they have not started.
  std::atomic<bool> stopped{false};
  for_each_ordered<std::optional<ScenarioReport>>(
      items.size(), options.jobs,
      [&](std::size_t i) -> std::optional<ScenarioReport> {
        if (items[i].input_error || stopped.load()) return std::nullopt;
        return run_item(items[i], options, run_options);
      },
      [&](std::size_t i, std::optional<ScenarioReport>&& report) {
        if (stopped.load()) {
          suite.not_run += items[i].input_error ? 0 : 1;
          return;
        }
        if (!report) {
          input_error(*items[i].input_error, items[i].file_ordinal);
        } else {
          if (on_scenario) on_scenario(*report);
          suite.scenarios.push_back(std::move(*report));
        }
        const bool failed = !report || report->status != ScenarioReport::Status::Passed;
        if (options.fail_fast && failed) stopped.store(true);
      },
      options.listener_beside_runs);
  return suite;
}

}  // namespace pbxsim
