// The decision cache (scripting/src/decision_cache.h): a hook's answers
// remembered by the facts it read. Whatever a hook does — keep a counter,
// read state another hook changes, draw random numbers, print, keep a weak
// table — the cached run answers exactly as the uncached
// one; and every suite scenario and explored case gives the same trace both
// ways. The cache must also answer (a cache that never hits passes every
// equivalence test), so the pure cases count their hits.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "pbxsim/scripting/lua_policy.h"
#include "pbxsim/scripting/scenario.h"
#include "pbxsim/simulator/discovery.h"
#include "pbxsim/simulator/explore/case_runner.h"
#include "pbxsim/simulator/explore/features.h"

using namespace pbxsim;

namespace {

std::unique_ptr<LuaPolicy> load_policy_text(const std::string& text, DecisionCacheMode mode) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("pbxsim_decision_cache_" + std::to_string(getpid()) + ".lua");
  std::ofstream(path) << text;
  auto loaded = LuaPolicy::load(path.string(), "", SandboxLimits{}, Prng(7));
  std::filesystem::remove(path);
  REQUIRE(std::holds_alternative<std::unique_ptr<LuaPolicy>>(loaded));
  std::unique_ptr<LuaPolicy> policy = std::move(std::get<std::unique_ptr<LuaPolicy>>(loaded));
  policy->set_decision_cache(mode);
  return policy;
}

const std::string kOwner = "alice";
const UserMode kOwnerMode = UserMode::DeskPhone;

AppearanceFacts appearance(std::string_view caller, bool registered, int active_calls, DndMode dnd = DndMode::Off) {
  return AppearanceFacts{caller, "1000", "desk-1000", DeviceKind::DeskPhone, &kOwner, &kOwnerMode, registered,
                         dnd,    active_calls, 4,    2,                     0,       true,    false};
}

std::string shown(const AppearanceDecision& decision) {
  switch (decision.verdict) {
    case AppearanceVerdict::Alert: return "alert";
    case AppearanceVerdict::AlertSilently: return "silent";
    case AppearanceVerdict::Skip: return "skip " + decision.reason;
  }
  return "?";
}

ProfileChangeFacts profile_select(std::string_view profile) {
  static const std::vector<std::string> roles;
  return ProfileChangeFacts{"select", "user", "", "alice", profile, "", false, true, false, false, true, true, &roles,
                            false,    false};
}

// A run of questions: appearances with a few distinct facts, repeated, and
// now and then a profile change (another hook that may change state).
std::vector<std::string> ask_day(LuaPolicy& policy, int rounds) {
  std::vector<std::string> answers;
  const char* callers[] = {"+14085550001", "+14085550002"};
  for (int round = 0; round < rounds; ++round) {
    for (int calls = 0; calls < 3; ++calls) {
      answers.push_back(shown(policy.decide_appearance(appearance(callers[round % 2], true, calls))));
      answers.push_back(shown(policy.decide_appearance(appearance(callers[round % 2], round % 3 != 0, calls, DndMode::Reject))));
    }
    if (round % 5 == 4) {
      const ProfileChangeDecision change = policy.decide_profile_change(profile_select(round % 10 == 4 ? "away" : "office"));
      answers.push_back(change.allowed ? "allow" : "refuse " + change.reason);
    }
  }
  return answers;
}

struct Compared {
  std::vector<std::string> cached;
  std::vector<std::string> uncached;
  std::vector<std::string> cached_output;
  std::vector<std::string> uncached_output;
  std::int64_t from_cache = 0;
};

Compared compare(const std::string& text, int rounds = 40) {
  std::unique_ptr<LuaPolicy> cached = load_policy_text(text, DecisionCacheMode::FromFirstCall);
  std::unique_ptr<LuaPolicy> uncached = load_policy_text(text, DecisionCacheMode::Off);
  LuaSandbox cached_output(SandboxLimits{}, Prng(1));
  LuaSandbox uncached_output(SandboxLimits{}, Prng(1));
  cached->send_output_to(cached_output);
  uncached->send_output_to(uncached_output);
  Compared compared;
  compared.cached = ask_day(*cached, rounds);
  compared.uncached = ask_day(*uncached, rounds);
  compared.cached_output = cached_output.printed();
  compared.uncached_output = uncached_output.printed();
  compared.from_cache = cached->decisions_from_cache();
  CHECK(uncached->decisions_from_cache() == 0);
  return compared;
}

constexpr const char* kPure = R"lua(
local policy = extend "base"
local function busy(app) return app.active_calls >= app.busy_trigger end
function policy.appearance(call, app)
  if not app.registered then return "skip", "unregistered" end
  if app.dnd == "reject" then return "skip", "dnd-reject" end
  if busy(app) then return "skip", "busy" end
  return "alert"
end
return policy
)lua";

}  // namespace

TEST_CASE("decision cache: a pure hook is answered from the cache, as it would answer itself", "[decision_cache]") {
  const Compared compared = compare(kPure);
  CHECK(compared.cached == compared.uncached);
  // 40 rounds of 6 appearance questions over 12 distinct facts: all but the first sight of each from the cache.
  CHECK(compared.from_cache >= 200);
}

TEST_CASE("decision cache: a hook that counts its calls in an upvalue answers as uncached", "[decision_cache]") {
  const Compared compared = compare(R"lua(
local policy = extend "base"
local calls = 0
function policy.appearance(call, app)
  calls = calls + 1
  if calls % 3 == 0 then return "skip", "every third" end
  return "alert"
end
return policy
)lua");
  CHECK(compared.cached == compared.uncached);
  CHECK(compared.from_cache == 0);
}

TEST_CASE("decision cache: state one hook changes and another reads is followed", "[decision_cache]") {
  const Compared compared = compare(R"lua(
local policy = extend "base"
away = false
function policy.profile_change(change)
  away = change.profile == "away"
  return "allow"
end
function policy.appearance(call, app)
  if away then return "skip", "away" end
  if app.active_calls >= app.busy_trigger then return "skip", "busy" end
  return "alert"
end
return policy
)lua");
  CHECK(compared.cached == compared.uncached);
  CHECK(compared.from_cache > 0);  // between the changes the answers are remembered
}

TEST_CASE("decision cache: a table in an upvalue, changed by another hook, is followed", "[decision_cache]") {
  const Compared compared = compare(R"lua(
local policy = extend "base"
local state = { limit = 1 }
function policy.profile_change(change)
  state.limit = state.limit % 3 + 1
  return "allow"
end
function policy.appearance(call, app)
  if app.active_calls >= state.limit then return "skip", "over " .. state.limit end
  return "alert"
end
return policy
)lua");
  CHECK(compared.cached == compared.uncached);
  CHECK(compared.from_cache > 0);
}

TEST_CASE("decision cache: random draws, print and tostring of a table are never replayed", "[decision_cache]") {
  const Compared drawn = compare(R"lua(
local policy = extend "base"
function policy.appearance(call, app)
  if not app.registered then return "skip", "unregistered" end
  if math.random(3) == 1 then return "skip", "unlucky" end
  return "alert"
end
return policy
)lua");
  CHECK(drawn.cached == drawn.uncached);
  CHECK(drawn.from_cache > 0);  // the unregistered path draws nothing and is remembered

  const Compared printed = compare(R"lua(
local policy = extend "base"
function policy.appearance(call, app)
  print("asked about", app.device, app.active_calls)
  return "alert"
end
return policy
)lua");
  CHECK(printed.cached == printed.uncached);
  CHECK(printed.cached_output == printed.uncached_output);
  CHECK(printed.cached_output.size() == 240);  // one line per appearance question

  const Compared named = compare(R"lua(
local policy = extend "base"
function policy.appearance(call, app)
  return "skip", tostring({})
end
return policy
)lua");
  CHECK(named.cached == named.uncached);
}

TEST_CASE("decision cache: a weak table in reach turns the cache off", "[decision_cache]") {
  const Compared weak = compare(R"lua(
local policy = extend "base"
local seen = setmetatable({}, { __mode = "k" })
function policy.appearance(call, app)
  if seen.anything then return "skip", "seen" end
  return app.registered and "alert" or "skip", "unregistered"
end
return policy
)lua");
  CHECK(weak.cached == weak.uncached);
  CHECK(weak.from_cache == 0);
}

TEST_CASE("decision cache: a hook that reads a new caller every call stops being cached and still agrees",
          "[decision_cache]") {
  constexpr const char* kReadsTheCaller = R"lua(
local policy = extend "base"
function policy.appearance(call, app)
  if call.caller:sub(-1) == "7" then return "skip", "sevens" end
  return "alert"
end
return policy
)lua";
  std::unique_ptr<LuaPolicy> cached = load_policy_text(kReadsTheCaller, DecisionCacheMode::FromFirstCall);
  std::unique_ptr<LuaPolicy> uncached = load_policy_text(kReadsTheCaller, DecisionCacheMode::Off);
  for (int call = 0; call < 10'000; ++call) {
    const std::string caller = "+1408" + std::to_string(5'000'000 + call);
    const std::string a = shown(cached->decide_appearance(appearance(caller, true, 0)));
    const std::string b = shown(uncached->decide_appearance(appearance(caller, true, 0)));
    REQUIRE(a == b);
  }
  CHECK(cached->decisions_asked() < 10'000);  // turned off after a window of misses
}

TEST_CASE("decision cache: a remembered cfna still fails on a line without one, as the hook would", "[decision_cache]") {
  std::unique_ptr<LuaPolicy> policy = load_policy_text(R"lua(
local policy = extend "base"
function policy.no_answer(call, line) return "cfna" end
return policy
)lua", DecisionCacheMode::FromFirstCall);
  LineFacts with = LineFacts{"2000", "1000", "alice", UserMode::DeskPhone, 1, 1, 0, 0, 0, 0, 0, false, true, 0, 0, true};
  LineFacts without = with;
  without.has_forward_no_answer = false;
  for (int i = 0; i < 5; ++i) CHECK(policy->when_no_answer(with).divert == Divert::ForwardNoAnswer);
  CHECK(policy->decisions_from_cache() >= 3);
  CHECK_THROWS_WITH(policy->when_no_answer(without), Catch::Contains("chose \"cfna\" but line 1000 has none"));
}

TEST_CASE("decision cache: every suite scenario gives the same trace cached from the first call and uncached",
          "[decision_cache]") {
  const Discovery found = discover_scenario_files({std::string(PBXSIM_SOURCE_DIR) + "/scenarios"});
  int compared = 0;
  std::int64_t from_cache = 0;
  for (const std::string& file : found.files) {
    auto listed = list_scenarios(file, SandboxLimits{});
    if (!std::holds_alternative<std::vector<ScenarioDecl>>(listed)) continue;
    const auto& decls = std::get<std::vector<ScenarioDecl>>(listed);
    for (std::size_t index = 0; index < decls.size(); ++index) {
      ScenarioRunOptions eager;
      eager.decision_cache = DecisionCacheMode::FromFirstCall;
      ScenarioRunOptions off;
      off.decision_cache = DecisionCacheMode::Off;
      const ScenarioRunResult cached = run_scenario(file, index, eager);
      const ScenarioRunResult uncached = run_scenario(file, index, off);
      INFO(file << ": " << decls[index].name);
      INFO("cached: " << (cached.error ? cached.error->text() : "ran") << "; uncached: "
                      << (uncached.error ? uncached.error->text() : "ran"));
      CHECK(cached.error.has_value() == uncached.error.has_value());
      CHECK(cached.passed() == uncached.passed());
      CHECK(cached.trace_events == uncached.trace_events);
      CHECK(cached.trace_hash == uncached.trace_hash);
      CHECK(cached.printed == uncached.printed);
      CHECK(uncached.policy_answers_from_cache == 0);
      from_cache += cached.policy_answers_from_cache;
      ++compared;
    }
  }
  CHECK(compared >= 100);
  CHECK(from_cache >= 100);  // the suite's runs did take answers from the cache
}

TEST_CASE("decision cache: explored cases under every shipped policy give the same trace both ways",
          "[decision_cache]") {
  for (const char* policy : {"base", "cisco_cucm", "dee_presence", "metaswitch", "pascom", "threecx"}) {
    CaseRunOptions eager;
    eager.policy = policy;
    eager.check_determinism = false;
    eager.isolate = false;
    eager.decision_cache = DecisionCacheMode::FromFirstCall;
    CaseRunOptions off = eager;
    off.decision_cache = DecisionCacheMode::Off;
    for (std::uint64_t seed = 1; seed <= 120; ++seed) {
      const ExploreCase explored = generate_case_with(seed, swarm_features(seed), false);
      const CaseResult cached = run_case(explored, eager);
      const CaseResult uncached = run_case(explored, off);
      INFO(policy << " seed " << seed << ": cached " << cached.code << " " << cached.message << "; uncached "
                  << uncached.code << " " << uncached.message);
      CHECK(cached.code == uncached.code);
      CHECK(cached.trace_hash == uncached.trace_hash);
    }
  }
}

TEST_CASE("decision cache: a hook that changes state and then fails leaves no stale answer", "[decision_cache]") {
  constexpr const char* kFailsAfterChanging = R"lua(
local policy = extend "base"
local away = false
function policy.profile_change(change)
  away = change.profile == "away"
  if change.profile == "away" then error("refused loudly") end
  return "allow"
end
function policy.appearance(call, app)
  if away then return "skip", "away" end
  return "alert"
end
return policy
)lua";
  std::unique_ptr<LuaPolicy> cached = load_policy_text(kFailsAfterChanging, DecisionCacheMode::FromFirstCall);
  std::unique_ptr<LuaPolicy> uncached = load_policy_text(kFailsAfterChanging, DecisionCacheMode::Off);
  for (LuaPolicy* policy : {cached.get(), uncached.get()}) {
    for (int i = 0; i < 5; ++i) CHECK(shown(policy->decide_appearance(appearance("+14085550001", true, 0))) == "alert");
    CHECK_THROWS(policy->decide_profile_change(profile_select("away")));
    CHECK(shown(policy->decide_appearance(appearance("+14085550001", true, 0))) == "skip away");
  }
  CHECK(cached->decisions_from_cache() >= 3);
}
