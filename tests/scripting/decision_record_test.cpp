// The decision record (run --decisions): every policy hook call becomes a
// Decided trace record with the hook, what it was asked about, the facts it
// read with their values, its answer and the file:line of the statement that
// returned it, also in base.lua when a vendor policy inherits the hook.
// Recording observes only: the trace hash is the same with and without.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pbxsim/scripting/policy_api.h"
#include "pbxsim/scripting/scenario.h"

using namespace pbxsim;

namespace {

// Line numbers matter: the tests below name them.
constexpr const char* kPolicy = R"lua(local policy = extend "base"
local function _skip_rejecting(app)
  return "skip", "dnd-reject"
end
function policy.appearance(call, app)
  if app.dnd == "reject" then
    return _skip_rejecting(app)
  end
  if call.forwards > 0 then return "silent" end
  return pcall(error, "caught") and "silent" or "alert"
end
return policy
)lua";

std::string write_file(const std::string& stem, const std::string& text) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() /  // one per process: ctest runs cases in parallel
      (stem + "_" + std::to_string(getpid()) + ".lua");
  std::ofstream(path) << text;
  return path.string();
}

std::string scenario_source(const std::string& policy_path) {
  return "scenario \"decisions\" {\n  policy = \"" + policy_path + "\",\n"
         "  lines = { [\"1000\"] = { no_answer = \"10s\", cfna = \"voicemail\" } },\n"
         "  devices = { desk = { lines = { \"1000\" } }, soft = { kind = \"softphone\", lines = { \"1000\" } } },\n"
         "  steps = function(sim)\n"
         "    sim:at(\"1s\", \"soft\", \"dnd\", \"reject\")\n"
         "    local c = sim:call_at(\"2s\", { from = \"+14085550100\", to = \"1000\" })\n"
         "    sim:run_until(\"1m\")\n"
         "    expect(c.outcome).is(\"voicemail\")\n"
         "  end,\n}\n";
}

std::vector<TraceEvent> decisions_of(const ScenarioRunResult& result) {
  std::vector<TraceEvent> decided;
  for (const TraceEvent& event : result.trace) {
    if (event.kind == TraceKind::Decided) decided.push_back(event);
  }
  return decided;
}

const TraceEvent* decision(const std::vector<TraceEvent>& decided, const std::string& hook, const std::string& device = {}) {
  const auto found = std::find_if(decided.begin(), decided.end(), [&](const TraceEvent& event) {
    return event.reason == hook && (device.empty() || event.device == device);
  });
  return found != decided.end() ? &*found : nullptr;
}

std::string fact(const TraceEvent& event, const std::string& name) {
  for (const TraceFact& read : event.facts) {
    if (read.name == name) return read.value;
  }
  return "(not read)";
}

// The line of base.lua that holds `text`, as the policy library ships it.
int base_line_of(const std::string& text) {
  std::ifstream base(std::string(PBXSIM_SOURCE_DIR) + "/scripting/policies/base.lua");
  std::string line;
  for (int number = 1; std::getline(base, line); ++number) {
    if (line.find(text) != std::string::npos) return number;
  }
  return 0;
}

ScenarioRunResult run(const std::string& policy, bool record_decisions) {
  ScenarioRunOptions options;
  options.record_decisions = record_decisions;
  return run_scenario_source("decisions.lua", scenario_source(policy), 0, options);
}

}  // namespace

TEST_CASE("decision record: an appearance decision names the hook, the device, the facts read and the returning line",
          "[decision_record]") {
  const std::string policy = write_file("pbxsim_decisions", kPolicy);
  const ScenarioRunResult result = run(policy, true);
  REQUIRE_FALSE(result.error);
  const std::vector<TraceEvent> decided = decisions_of(result);

  const TraceEvent* soft = decision(decided, "appearance", "soft");
  REQUIRE(soft != nullptr);
  CHECK(soft->call == 1);
  CHECK(soft->about == TraceAbout::Call);
  CHECK(soft->line == "1000");
  CHECK(soft->target == "skip dnd-reject");
  // The helper's return statement answered (a tail call keeps no frame of the hook).
  CHECK(soft->rule == policy + ":3");
  CHECK(soft->facts == std::vector<TraceFact>{{"app.dnd", "reject"}});

  const TraceEvent* desk = decision(decided, "appearance", "desk");
  REQUIRE(desk != nullptr);
  CHECK(desk->target == "alert");
  // An error caught by pcall inside the hook does not move the rule.
  CHECK(desk->rule == policy + ":10");
  CHECK(desk->facts == std::vector<TraceFact>{{"app.dnd", "off"}, {"call.forwards", "0"}});
}

TEST_CASE("decision record: a hook the vendor policy inherits is located in base.lua", "[decision_record]") {
  const std::string policy = write_file("pbxsim_decisions_base", kPolicy);
  const ScenarioRunResult result = run(policy, true);
  REQUIRE_FALSE(result.error);
  const std::vector<TraceEvent> decided = decisions_of(result);
  const TraceEvent* no_answer = decision(decided, "no_answer");
  REQUIRE(no_answer != nullptr);
  CHECK(no_answer->target == "cfna");
  const int line = base_line_of("return line.has_cfna and \"cfna\" or \"no-answer\"");
  REQUIRE(line > 0);
  CHECK_THAT(no_answer->rule, Catch::EndsWith("base.lua:" + std::to_string(line)));
  CHECK(fact(*no_answer, "line.has_cfna") == "true");
}

TEST_CASE("decision record: recording changes neither the trace hash nor the run", "[decision_record]") {
  const std::string policy = write_file("pbxsim_decisions_hash", kPolicy);
  const ScenarioRunResult with = run(policy, true);
  const ScenarioRunResult without = run(policy, false);
  REQUIRE_FALSE(with.error);
  REQUIRE_FALSE(without.error);
  CHECK(with.trace_hash == without.trace_hash);
  CHECK(with.trace_events == without.trace_events);
  CHECK(decisions_of(without).empty());
  CHECK(with.trace.size() == without.trace.size() + decisions_of(with).size());
  REQUIRE(with.calls.size() == without.calls.size());
  CHECK(with.calls[0].path == without.calls[0].path);
}

TEST_CASE("decision record: every fact field a hook reads is recorded, including ones added later",
          "[decision_record]") {
  // A policy that reads each field the views offer, by the names in the
  // policy API's one table: a field added there is covered without a change here.
  std::ostringstream policy_text;
  policy_text << "local policy = extend \"base\"\nlocal _names = {";
  std::vector<std::string> names;
  for (const PolicyFactClass& facts : policy_fact_classes()) {
    if (facts.type_name != "pbxsim.AppearanceFacts") continue;
    for (std::string_view field : facts.fields) {
      names.emplace_back(field);
      policy_text << "\"" << field << "\", ";
    }
  }
  REQUIRE_FALSE(names.empty());
  policy_text << "}\nfunction policy.appearance(call, app)\n"
                 "  for _, name in ipairs(_names) do local _ = app[name] end\n  return \"alert\"\nend\nreturn policy\n";
  const std::string policy = write_file("pbxsim_decisions_every_fact", policy_text.str());
  const ScenarioRunResult result = run(policy, true);
  const std::vector<TraceEvent> decided = decisions_of(result);
  const TraceEvent* desk = decision(decided, "appearance", "desk");
  REQUIRE(desk != nullptr);
  for (const std::string& name : names) {
    INFO(name);
    CHECK(fact(*desk, "app." + name) != "(not read)");
  }
  CHECK(fact(*desk, "app.registered") == "true");
  CHECK(fact(*desk, "app.device") == "desk");
}

TEST_CASE("decision record: DND propagation and registrations are recorded with their subject", "[decision_record]") {
  const std::string policy = write_file("pbxsim_decisions_dnd", kPolicy);
  const ScenarioRunResult result = run(policy, true);
  const std::vector<TraceEvent> decided = decisions_of(result);
  const TraceEvent* dnd = decision(decided, "dnd_changed");
  REQUIRE(dnd != nullptr);
  CHECK(dnd->about == TraceAbout::Device);
  CHECK(dnd->device == "soft");
  CHECK(dnd->target == "no change");
  CHECK_THAT(dnd->rule, Catch::Contains("base.lua:"));
}
