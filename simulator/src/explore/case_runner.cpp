// Sections: verdicts · judging runs · running in this process, and in a
// child process (child_process.h).
#include "pbxsim/simulator/explore/case_runner.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>


namespace pbxsim {

// -------------------------------------------------------------------- verdicts

std::string_view case_verdict_name(CaseVerdict verdict) {
  switch (verdict) {
    case CaseVerdict::Passed: return "passed";
    case CaseVerdict::Violated: return "invariant violated";
    case CaseVerdict::Nondeterministic: return "nondeterministic";
    case CaseVerdict::Failed: return "crash or error";
  }
  return "crash or error";
}

// ---------------------------------------------------------------- judging runs

namespace {

std::map<std::string, std::string> call_summaries(const ExploreCase& c, const ScenarioRunResult& run) {
  // Call ids follow the order the steps schedule the calls.
  std::vector<std::string> labels;
  for (const CaseStep& step : c.steps) {
    if (step.kind == CaseStep::Kind::Call) labels.push_back(step.label);
  }
  std::map<std::string, std::string> summaries;
  for (const CallRecord& call : run.calls) {
    std::string path;
    for (std::string_view place : call.path) path.append(path.empty() ? "" : ">").append(place);
    std::string summary(call_outcome_name(call.outcome));
    if (!call.answered_by.empty()) summary += " by " + call.answered_by;
    if (!path.empty()) summary += " via " + path;
    const std::size_t index = call.id - 1;
    summaries[index < labels.size() ? labels[index] : "call-" + std::to_string(call.id)] = summary;
  }
  return summaries;
}

}  // namespace

CaseResult judge_runs(const ExploreCase& c, const ScenarioRunResult& first, const ScenarioRunResult* second) {
  CaseResult result;
  result.trace_hash = first.trace_hash;
  if (first.error) {
    result.verdict = CaseVerdict::Failed;
    result.code = "ERROR";
    result.message = first.error->text();
    return result;
  }
  result.calls = call_summaries(c, first);
  if (first.topology) {
    // The generated steps end with `expect(sim:run(), ...)`: it passed when the run went idle.
    bool ran_to_end = false;
    for (const CheckResult& check : first.checks) ran_to_end = ran_to_end || (check.subject == kRunEndsCheck && check.passed);
    const std::vector<InvariantViolation> violations =
        check_invariants(RunObservation{*first.topology, first.trace, first.calls, ran_to_end});
    if (!violations.empty()) {
      result.verdict = CaseVerdict::Violated;
      result.code = violations.front().code;
      result.message = violations.front().message;
      if (violations.size() > 1) result.message += " (and " + std::to_string(violations.size() - 1) + " more)";
      result.violation = violations.front();
      return result;
    }
  }
  if (second != nullptr) {
    if (second->error || second->trace_hash != first.trace_hash || second->trace_events != first.trace_events) {
      result.verdict = CaseVerdict::Nondeterministic;
      result.code = "INV-DETERMINISM";
      result.message = "a second run of the same seed gave trace " + format_hash(second->trace_hash) + " (" +
                       std::to_string(second->trace_events) + " events) instead of " + format_hash(first.trace_hash) +
                       " (" + std::to_string(first.trace_events) + " events)";
      if (second->error) result.message = "a second run of the same seed failed: " + second->error->text();
    }
  }
  return result;
}

// ------------------------------------------------------- running in this process

namespace {

CaseResult run_here(const ExploreCase& c, const CaseRunOptions& options) {
  RenderOptions render;
  render.scenario_name = "explore seed " + std::to_string(c.seed);
  const std::string text = render_scenario(c, render);
  ScenarioRunOptions run;
  run.seed = c.seed;
  run.policy_override = options.policy;
  run.decision_cache = options.decision_cache;
  const std::string label = "explore-seed-" + std::to_string(c.seed) + ".lua";
  const ScenarioRunResult first = run_scenario_source(label, text, 0, run);
  if (!options.check_determinism || first.error) return judge_runs(c, first, nullptr);
  const ScenarioRunResult second = run_scenario_source(label, text, 0, run);
  return judge_runs(c, first, &second);
}

nlohmann::json result_json(const CaseResult& result) {
  nlohmann::json json{{"verdict", static_cast<int>(result.verdict)},
                      {"code", result.code},
                      {"message", result.message},
                      {"trace_hash", result.trace_hash},
                      {"calls", result.calls}};
  if (result.violation) {
    const InvariantViolation& violation = *result.violation;
    json["violation"] = {{"code", violation.code},   {"message", violation.message}, {"at_us", violation.at_us},
                         {"call", violation.call},   {"device", violation.device},   {"line", violation.line},
                         {"limit", violation.limit}, {"call_id", violation.call_id},
                         {"user", violation.user},   {"group", violation.group},
                         {"profile", violation.profile}, {"expected", violation.expected}};
  }
  return json;
}

CaseResult result_from_json(const nlohmann::json& json) {
  CaseResult result;
  result.verdict = static_cast<CaseVerdict>(json.at("verdict").get<int>());
  result.code = json.at("code").get<std::string>();
  result.message = json.at("message").get<std::string>();
  result.trace_hash = json.at("trace_hash").get<std::uint64_t>();
  result.calls = json.at("calls").get<std::map<std::string, std::string>>();
  if (json.contains("violation")) {
    const nlohmann::json& v = json.at("violation");
    result.violation = InvariantViolation{v.at("code").get<std::string>(),  v.at("message").get<std::string>(),
                                          v.at("at_us").get<TimeUs>(),      v.at("call").get<std::string>(),
                                          v.at("device").get<std::string>(), v.at("line").get<std::string>(),
                                          v.at("limit").get<int>(),         v.at("call_id").get<CallId>(),
                                          v.at("user").get<std::string>(),  v.at("group").get<std::string>(),
                                          v.at("profile").get<std::string>(), v.at("expected").get<std::string>()};
  }
  return result;
}

}  // namespace

namespace {

// The case's result from the child's answer, or how the child ended.
CaseResult result_of(const IsolatedRun& isolated, const CaseRunOptions& options) {
  CaseResult result;
  switch (isolated.ending) {
    case IsolatedRun::Ending::Returned:
      try {
        return result_from_json(nlohmann::json::parse(isolated.output));
      } catch (const std::exception& error) {
        result.verdict = CaseVerdict::Failed;
        result.code = "CRASH";
        result.message = std::string("the child's result could not be read: ") + error.what();
        return result;
      }
    case IsolatedRun::Ending::Crashed:
      result.verdict = CaseVerdict::Failed;
      result.code = "CRASH";
      result.message = isolated.output + (isolated.diagnostics.empty() ? "" : ": " + isolated.diagnostics);
      return result;
    case IsolatedRun::Ending::TimedOut:
      result.verdict = CaseVerdict::Failed;
      result.code = "TIMEOUT";
      result.message = "the case ran longer than " + std::to_string(options.timeout_seconds) + " s";
      return result;
  }
  return result;
}

}  // namespace

CaseResult run_case(const ExploreCase& c, const CaseRunOptions& options) {
  if (!options.isolate) return run_here(c, options);
  return result_of(run_isolated([&] { return json_text(result_json(run_here(c, options))); }, options.timeout_seconds),
                   options);
}

SeedRunner::SeedRunner(std::function<ExploreCase(std::uint64_t)> generate, CaseRunOptions options, int jobs)
    : generate_(std::move(generate)), options_(std::move(options)), jobs_(jobs) {
  if (options_.isolate) {
    children_.emplace([this](std::uint64_t seed) { return json_text(result_json(run_here(generate_(seed), options_))); },
                      options_.timeout_seconds, jobs_);
  }
}

CaseResult SeedRunner::run(std::uint64_t seed) { return std::move(run(std::vector<std::uint64_t>{seed}).front()); }

std::vector<CaseResult> SeedRunner::run(const std::vector<std::uint64_t>& seeds) {
  std::vector<CaseResult> results(seeds.size());
  if (children_) {
    std::vector<IsolatedRun> runs = children_->run(seeds);
    for (std::size_t i = 0; i < seeds.size(); ++i) results[i] = result_of(runs[i], options_);
    return results;
  }
  // In this process: no fork, so threads are safe; each case has its own engine and Lua state.
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < seeds.size(); i = next++) results[i] = run_here(generate_(seeds[i]), options_);
  };
  if (jobs_ <= 1) {
    work();
    return results;
  }
  std::vector<std::thread> threads;
  for (int j = 0; j < jobs_; ++j) threads.emplace_back(work);
  for (std::thread& thread : threads) thread.join();
  return results;
}

}  // namespace pbxsim
