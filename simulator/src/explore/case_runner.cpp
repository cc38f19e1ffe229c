// Sections: verdicts · judging runs · running in this process · running in
// a child process.
#include "pbxsim/simulator/explore/case_runner.h"
#include "pbxsim/simulator/valid_utf8.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>

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
                         {"limit", violation.limit}};
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
                                          v.at("limit").get<int>()};
  }
  return result;
}

}  // namespace

CaseResult run_case(const ExploreCase& c, const CaseRunOptions& options) {
  if (!options.isolate) return run_here(c, options);
  const IsolatedRun isolated =
      run_isolated([&] { return json_text(result_json(run_here(c, options))); }, options.timeout_seconds);
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

// ---------------------------------------------------------- running in a child

namespace {

void write_all(int fd, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) return;
    written += static_cast<std::size_t>(n);
  }
}

std::string last_lines(const std::string& text, int count) {
  std::size_t end = text.find_last_not_of("\n");
  if (end == std::string::npos) return {};
  std::size_t start = end + 1;
  for (int i = 0; i < count && start > 0; ++i) {
    const std::size_t newline = text.rfind('\n', start - 1);
    start = newline == std::string::npos ? 0 : newline;
    if (newline == std::string::npos) break;
  }
  std::string tail = text.substr(start, end + 1 - start);
  while (!tail.empty() && tail.front() == '\n') tail.erase(0, 1);
  for (char& c : tail) {
    if (c == '\n') c = ' ';
  }
  return tail;
}

}  // namespace

IsolatedRun run_isolated(const std::function<std::string()>& work, int timeout_seconds) {
  IsolatedRun run;
  int result_pipe[2];
  int error_pipe[2];
  if (::pipe(result_pipe) != 0 || ::pipe(error_pipe) != 0) {
    run.ending = IsolatedRun::Ending::Crashed;
    run.output = std::string("cannot create a pipe: ") + std::strerror(errno);
    return run;
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) {
    run.ending = IsolatedRun::Ending::Crashed;
    run.output = std::string("cannot fork: ") + std::strerror(errno);
    return run;
  }
  if (child == 0) {
    ::close(result_pipe[0]);
    ::close(error_pipe[0]);
    ::dup2(error_pipe[1], STDERR_FILENO);
    ::alarm(static_cast<unsigned>(timeout_seconds));
    std::string output;
    try {
      output = work();
    } catch (const std::exception& error) {
      std::fprintf(stderr, "uncaught exception: %s\n", error.what());
      std::fflush(stderr);
      ::_exit(70);
    }
    write_all(result_pipe[1], output);
    ::_exit(0);  // no atexit handlers or buffers of the parent's
  }
  ::close(result_pipe[1]);
  ::close(error_pipe[1]);
  std::string diagnostics;
  pollfd fds[2] = {{result_pipe[0], POLLIN, 0}, {error_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  char buffer[4096];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (pollfd& fd : fds) {
      if (fd.fd < 0 || (fd.revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = ::read(fd.fd, buffer, sizeof buffer);
      if (n <= 0) {
        ::close(fd.fd);
        fd.fd = -1;
        --open_fds;
        continue;
      }
      (fd.fd == result_pipe[0] ? run.output : diagnostics).append(buffer, static_cast<std::size_t>(n));
    }
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  run.diagnostics = last_lines(diagnostics, 3);
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    run.ending = signal == SIGALRM ? IsolatedRun::Ending::TimedOut : IsolatedRun::Ending::Crashed;
    run.output = std::string("killed by signal ") + std::to_string(signal) + " (" + ::strsignal(signal) + ")";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    run.ending = IsolatedRun::Ending::Crashed;
    run.output = "exited with status " + std::to_string(WEXITSTATUS(status));
  }
  return run;
}

}  // namespace pbxsim
