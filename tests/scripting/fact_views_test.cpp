// Policy hooks' fact views (scripting/src/fact_views.cpp): each call sees its
// own facts, writes are refused, an unknown field is named, and a view kept
// past its hook refuses reads.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "pbxsim/scripting/lua_policy.h"

using namespace pbxsim;

namespace {

constexpr const char* kPolicy = R"lua(
local policy = extend "base"
local kept
function policy.appearance(call, app)
  local device = app.device
  if device == "keep" then kept = app end
  if device == "write" then app.registered = false end
  if device == "misspelt" then return app.registerd end
  if app.registered then return "alert" end
  return "skip", "down with " .. app.active_calls .. " calls on " .. device
end
function policy.no_answer(call, line)
  if kept ~= nil then return kept.registered and "busy" or "no-answer" end
  return "no-answer"
end
return policy
)lua";

// One per process: ctest runs the cases in parallel.
std::filesystem::path policy_path() {
  return std::filesystem::temp_directory_path() / ("pbxsim_fact_views_policy_" + std::to_string(getpid()) + ".lua");
}

std::unique_ptr<LuaPolicy> load_test_policy() {
  const std::filesystem::path path = policy_path();
  std::ofstream(path) << kPolicy;
  auto loaded = LuaPolicy::load(path.string(), "", SandboxLimits{}, Prng(1));
  REQUIRE(std::holds_alternative<std::unique_ptr<LuaPolicy>>(loaded));
  return std::move(std::get<std::unique_ptr<LuaPolicy>>(loaded));
}

const std::string kAlice = "alice";
const UserMode kDeskPhoneMode = UserMode::DeskPhone;

AppearanceFacts appearance(std::string_view device, bool registered, int active_calls) {
  return AppearanceFacts{"2000",       "1000",       device, DeviceKind::DeskPhone, &kAlice, &kDeskPhoneMode, registered,
                         DndMode::Off, active_calls, 4,      2,                     0,       true,            false};
}

LineFacts line() {
  return LineFacts{"2000", "1000", "alice", UserMode::DeskPhone, 1, 1, 0, 0, 0, 0, 0, false, false, 0, 0, true};
}

std::string failure_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const PolicyError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("fact views: every call sees its own facts, also fields read in earlier calls", "[scripting]") {
  auto policy = load_test_policy();
  CHECK(policy->decide_appearance(appearance("desk", true, 0)).verdict == AppearanceVerdict::Alert);
  const AppearanceDecision down = policy->decide_appearance(appearance("soft", false, 3));
  CHECK(down.verdict == AppearanceVerdict::Skip);
  CHECK(down.reason == "down with 3 calls on soft");
  CHECK(policy->decide_appearance(appearance("desk", true, 1)).verdict == AppearanceVerdict::Alert);
  CHECK(policy->decide_appearance(appearance("soft", false, 0)).reason == "down with 0 calls on soft");
}

TEST_CASE("fact views: writing a field is refused, also one the hook has read", "[scripting]") {
  auto policy = load_test_policy();
  policy->decide_appearance(appearance("desk", true, 0));  // registered is learned
  CHECK_THAT(failure_of([&] { policy->decide_appearance(appearance("write", true, 0)); }),
             Catch::Contains("app is read-only"));
}

TEST_CASE("fact views: a misspelt field is an error that names it", "[scripting]") {
  auto policy = load_test_policy();
  CHECK_THAT(failure_of([&] { policy->decide_appearance(appearance("misspelt", true, 0)); }),
             Catch::Contains("app has no field 'registerd'"));
}

TEST_CASE("fact views: a view kept past its hook refuses reads, also of learned fields", "[scripting]") {
  auto policy = load_test_policy();
  policy->decide_appearance(appearance("desk", true, 0));
  policy->decide_appearance(appearance("keep", true, 0));  // the hook keeps `app`; registered is learned
  CHECK_THAT(failure_of([&] { policy->when_no_answer(line()); }),
             Catch::Contains("app.registered: policy facts are only valid while the hook runs"));
}

TEST_CASE("policy hooks: after a hook fails the next ones run, and each failure still names its file:line",
          "[scripting]") {
  // The policy's error handler stays at the bottom of its Lua stack for the
  // policy's life (LuaSandbox::keep_message_handler): a failure must not
  // take it away, or later errors would lose their location.
  auto policy = load_test_policy();
  for (int round = 0; round < 3; ++round) {
    CHECK_THAT(failure_of([&] { policy->decide_appearance(appearance("misspelt", true, 0)); }),
               Catch::Contains(policy_path().filename().string() + ":8:") && Catch::Contains("registerd"));
    CHECK(policy->decide_appearance(appearance("desk", true, 0)).verdict == AppearanceVerdict::Alert);
    CHECK(policy->when_no_answer(line()).divert == Divert::NoAnswer);
  }
}
