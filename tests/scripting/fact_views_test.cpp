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

// The policy API's one table (policy_api.h) says what each hook is given; a
// policy that notes the type of every argument it gets sees exactly that.
TEST_CASE("policy API: every hook is given the fact views its entry in the hook table names", "[scripting]") {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("pbxsim_hook_arguments_" + std::to_string(getpid()) + ".lua");
  std::ofstream(path) << R"lua(
local policy = extend "base"
local seen = {}
local function note(hook, ...)
  local kinds = {}
  for i = 1, select("#", ...) do
    local argument = select(i, ...)
    kinds[#kinds + 1] = type(argument) == "string" and "text" or tostring(argument)
  end
  seen[#seen + 1] = hook .. "(" .. table.concat(kinds, ", ") .. ")"
end
function policy.appearance(...) note("appearance", ...) return "alert" end
function policy.none_alerted(...) note("none_alerted", ...) return "busy" end
function policy.no_answer(...) note("no_answer", ...) return "no-answer" end
function policy.registrations_full(...) note("registrations_full", ...) return "refuse" end
function policy.dnd_changed(...) note("dnd_changed", ...) return {} end
function policy.group_member(...) note("group_member", ...) return "offer" end
function policy.profile_change(...) note("profile_change", ...) return "allow" end
function policy.contact_name(...) note("contact_name", ...) return "x" end
function policy.softphone_device_name(...)
  note("softphone_device_name", ...)
  return table.concat(seen, "; ")
end
return policy
)lua";
  auto loaded = LuaPolicy::load(path.string(), "", SandboxLimits{}, Prng(1));
  std::filesystem::remove(path);
  REQUIRE(std::holds_alternative<std::unique_ptr<LuaPolicy>>(loaded));
  LuaPolicy& policy = *std::get<std::unique_ptr<LuaPolicy>>(loaded);
  static const std::vector<std::string> roles;
  const std::string user = "alice";
  policy.decide_appearance(appearance("desk", true, 0));
  policy.when_none_alerted(line());
  policy.when_no_answer(line());
  policy.when_registrations_full(RegistrationFacts{"1000", "desk", 1, 1});
  policy.propagate_dnd(DndFacts{"desk", DndMode::Reject, DndMode::Off, "alice", {}});
  policy.decide_group_member(GroupMemberFacts{"2000", "sales", "ring-all", "1000", &user, true, false, 0});
  policy.decide_profile_change(ProfileChangeFacts{"select", "user", "", "alice", "away", "", false, true, false, false,
                                                  true, true, &roles, false, false});
  policy.contact_display_name(ContactFacts{true, "", "Alice", "", "", "", "alice"});
  const std::optional<std::string> seen = policy.softphone_device_name("alice");
  REQUIRE(seen.has_value());

  // What the table says, in the same words: a view shows as "<name> facts".
  auto shown_kind = [](FactKind kind) -> std::string {
    switch (kind) {
      case FactKind::Call: return "call facts";
      case FactKind::Appearance: return "app facts";
      case FactKind::Line: return "line facts";
      case FactKind::GroupMember: return "member facts";
      case FactKind::ProfileChange: return "change facts";
      case FactKind::DndChange: return "change facts";
      case FactKind::Registration: return "reg facts";
      case FactKind::Contact: return "contact facts";
      case FactKind::Text: return "text";
    }
    return "?";
  };
  std::string expected;
  for (const char* hook : {"appearance", "none_alerted", "no_answer", "registrations_full", "dnd_changed", "group_member",
                           "profile_change", "contact_name", "softphone_device_name"}) {
    const PolicyName* entry = find_policy_name(hook);
    REQUIRE(entry != nullptr);
    std::string kinds;
    for (int argument = 0; argument < entry->parameters; ++argument) {
      kinds += (argument > 0 ? ", " : "") + shown_kind(entry->arguments[static_cast<std::size_t>(argument)]);
    }
    expected += (expected.empty() ? "" : "; ") + std::string(hook) + "(" + kinds + ")";
  }
  CHECK(*seen == expected);
}
