// Reads `workload "name" { ... }` declarations; the fields are in workload.h.
#include "pbxsim/scripting/workload.h"

#include <algorithm>

#include "pbxsim/engine/time_messages.h"
#include "sandbox_internals.h"
#include "scenario_internals.h"
#include "table_reader.h"

namespace pbxsim {
namespace {

constexpr const char* kRegistryKey = "pbxsim.workloads";

using table_reader::fail;

void read_int(lua_State* L, int def, const char* field, table_reader::IntRange range, std::int64_t& out) {
  if (auto value = table_reader::opt_int(L, def, field, "", range)) out = *value;
}
void read_int(lua_State* L, int def, const char* field, table_reader::IntRange range, int& out) {
  if (auto value = table_reader::opt_int(L, def, field, "", range)) out = *value;
}

void read_time(lua_State* L, int def, const char* field, TimeUs& out) {
  if (auto value = table_reader::opt_duration(L, def, field, "")) out = *value;
}

// A string field that names one of `allowed`.
void read_choice(lua_State* L, int def, const char* field, std::initializer_list<const char*> allowed,
                 std::string& out) {
  std::string choices;
  for (const char* choice : allowed) choices += (choices.empty() ? "\"" : ", \"") + std::string(choice) + "\"";
  const std::string hint = "one of " + choices;
  const std::optional<std::string> text = table_reader::opt_string(L, def, field, "", hint.c_str());
  if (!text) return;
  if (std::find(allowed.begin(), allowed.end(), std::string_view(*text)) == allowed.end()) {
    fail(field, "expected " + hint + ", got \"" + *text + "\"");
  }
  out = *text;
}

// { "2s", "20s" }: uniform between the two, both included; { exponential = "8s" }: exponential with that mean.
void read_distribution(lua_State* L, int def, const char* field, DurationDistribution& out) {
  constexpr const char* kExample = "{ \"2s\", \"20s\" } (uniform, low and high) or { exponential = \"8s\" } (the mean)";
  const std::string expected = std::string("expected a table such as ") + kExample;
  const int table = table_reader::push_table(L, def, field, "", kExample);
  if (table == 0) return;
  if (table_reader::get_field(L, table, "exponential") != LUA_TNIL) {
    if (table_reader::sorted_key_names(L, table, field).size() != 1) fail(field, expected);
    const TimeUs mean_us = table_reader::duration_at(L, -1, field);
    if (mean_us <= 0 || mean_us > kMaxExponentialMeanUs) {
      fail(field, "the exponential's mean must be longer than 0s and at most " + format_duration(kMaxExponentialMeanUs));
    }
    out = DurationDistribution::exponential(mean_us);
    lua_pop(L, 2);
    return;
  }
  lua_pop(L, 1);
  if (lua_rawlen(L, table) != 2 || table_reader::sorted_key_names(L, table, field).size() != 2) fail(field, expected);
  lua_rawgeti(L, table, 1);
  lua_rawgeti(L, table, 2);
  out = DurationDistribution::uniform(table_reader::duration_at(L, -2, field), table_reader::duration_at(L, -1, field));
  lua_pop(L, 3);
  if (out.low_us > out.high_us) fail(field, "the low end is above the high end");
}

}  // namespace

const std::vector<std::string_view>& workload_fields() {
  static const std::vector<std::string_view> kFields = {
      "policy", "users", "phones_per_user", "calls", "duration", "arrivals", "dnd_reject_percent",
      "dnd_ringer_off_percent", "dnd_all_phones_percent", "busy_limit_per_user",
      "dnd_toggles_per_user", "forward_busy_percent", "forward_no_answer", "no_answer", "answer_percent",
      "answer_after", "holding", "external_caller_percent", "group_member_percent", "group_size",
      "group_strategy", "group_call_percent", "profile_switches_per_user"};
  return kFields;
}

std::variant<WorkloadSpec, ScriptError> load_workload(const std::string& path, const SandboxLimits& limits) {
  auto text = read_script_file(path);
  if (text.index() == 1) return std::get<1>(text);
  const std::string source = std::move(std::get<0>(text));

  LuaSandbox sandbox(limits, Prng(0));
  lua_State* L = sandbox.state();
  install_scenario_declarations(L);  // a file may hold scenarios as well
  install_declaration_keyword(L, "workload", kRegistryKey);
  if (auto error = sandbox.load(source, path)) return *error;
  if (auto error = sandbox.call(0, 0)) return *error;

  lua_getfield(L, LUA_REGISTRYINDEX, kRegistryKey);
  if (lua_rawgeti(L, -1, 1) != LUA_TTABLE) {
    return ScriptError{ScriptError::Kind::Config, path, 0, "declares no workload (write workload \"name\" { ... })"};
  }
  WorkloadSpec spec;
  spec.file = path;
  raw_field(L, -1, "name");
  spec.name = lua_tostring(L, -1);
  raw_field(L, -2, "line");
  spec.line = static_cast<int>(lua_tointeger(L, -1));
  raw_field(L, -3, "def");
  const int def = lua_gettop(L);
  try {
    // A misspelt field would otherwise be ignored silently and the workload
    // measured would not be the one written.
    table_reader::check_known_fields(L, def, "", workload_fields());
    if (auto policy = table_reader::opt_string(L, def, "policy", "", "a policy name such as \"cisco_cucm\"")) {
      spec.policy = *policy;
    }
    if (auto target = table_reader::opt_string(L, def, "forward_no_answer", "", "a number or \"voicemail\"", true)) {
      spec.forward_no_answer = *target;
    }
    read_choice(L, def, "group_strategy", {"hunt", "ring-all"}, spec.group_strategy);
    read_int(L, def, "users", {1, 10'000'000}, spec.users);
    read_int(L, def, "phones_per_user", {1, 2}, spec.phones_per_user);
    std::string arrivals = "uniform";
    read_choice(L, def, "arrivals", {"uniform", "poisson"}, arrivals);
    spec.arrivals = arrivals == "poisson" ? WorkloadSpec::Arrivals::Poisson : WorkloadSpec::Arrivals::Uniform;
    read_int(L, def, "busy_limit_per_user", {0, 1000}, spec.busy_limit_per_user);
    read_int(L, def, "calls", {0, 100'000'000}, spec.calls);
    read_int(L, def, "dnd_toggles_per_user", {0, 100}, spec.dnd_toggles_per_user);
    read_time(L, def, "duration", spec.duration_us);
    read_time(L, def, "no_answer", spec.no_answer_us);
    constexpr table_reader::IntRange kPercent{0, 100};
    read_int(L, def, "dnd_reject_percent", kPercent, spec.dnd_reject_percent);
    read_int(L, def, "dnd_ringer_off_percent", kPercent, spec.dnd_ringer_off_percent);
    read_int(L, def, "dnd_all_phones_percent", kPercent, spec.dnd_all_phones_percent);
    read_int(L, def, "forward_busy_percent", kPercent, spec.forward_busy_percent);
    read_int(L, def, "answer_percent", kPercent, spec.answer_percent);
    read_int(L, def, "external_caller_percent", kPercent, spec.external_caller_percent);
    read_int(L, def, "group_member_percent", kPercent, spec.group_member_percent);
    read_int(L, def, "group_call_percent", kPercent, spec.group_call_percent);
    read_int(L, def, "group_size", {1, 1000}, spec.group_size);
    read_int(L, def, "profile_switches_per_user", {0, 100}, spec.profile_switches_per_user);
    read_distribution(L, def, "answer_after", spec.answer_after);
    read_distribution(L, def, "holding", spec.holding);
    if (spec.duration_us <= 0) throw FieldError{"duration", "must be longer than 0s"};
    if (spec.dnd_reject_percent + spec.dnd_ringer_off_percent + spec.dnd_all_phones_percent > 100) {
      throw FieldError{"dnd_all_phones_percent", "dnd_reject_percent, dnd_ringer_off_percent and "
                                                 "dnd_all_phones_percent share the users and add up to more than 100"};
    }
    // With two phones on a line each counts its own calls (a call answered on
    // one no longer counts on the other), so a busy trigger is not a user's limit.
    if (spec.busy_limit_per_user > 0 && spec.phones_per_user != 1) {
      throw FieldError{"busy_limit_per_user", "needs phones_per_user = 1 (each phone of a shared "
                                              "line counts its own calls, so with two it is not a limit per user)"};
    }
    if (spec.group_call_percent > 0 && spec.users * spec.group_member_percent / 100 < spec.group_size) {
      throw FieldError{"group_call_percent", "no group can be formed: group_member_percent of the "
                                             "users is fewer than group_size"};
    }
  } catch (const FieldError& problem) {
    return located_error(path, source, spec.line, problem);
  }
  return spec;
}

}  // namespace pbxsim
