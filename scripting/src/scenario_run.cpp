// Running one scenario: load the file in a fresh sandbox, pick the scenario,
// load its policy, read and validate the topology, then run its steps against
// a new Pbx. Every failure becomes a located ScriptError in the result.
#include "pbxsim/scripting/lua_policy.h"
#include "sandbox_internals.h"
#include "scenario_internals.h"

namespace pbxsim {

std::variant<std::vector<ScenarioDecl>, ScriptError> list_scenarios(const std::string& path,
                                                                    const SandboxLimits& limits) {
  auto source = read_script_file(path);
  if (source.index() == 1) return std::get<1>(source);
  const CpuWatch watch(path, limits.cpu_limit_s);
  LuaSandbox sandbox(limits, Prng(0));
  if (auto error = execute_scenario_file(sandbox, path, std::get<0>(source))) return *error;
  return read_declarations(sandbox.state(), path, std::get<0>(source));
}

ScenarioRunResult run_scenario(const std::string& path, std::size_t index, const ScenarioRunOptions& options) {
  auto source = read_script_file(path);
  if (source.index() == 1) {
    ScenarioRunResult result;
    result.error = std::get<1>(source);
    return result;
  }
  return run_scenario_source(path, std::get<0>(source), index, options);
}

ScenarioRunResult run_scenario_source(const std::string& path, const std::string& source, std::size_t index,
                                      const ScenarioRunOptions& options) {
  ScenarioRunResult result;
  const CpuWatch watch(path, options.scenario_limits.cpu_limit_s);
  const Prng root(options.seed);
  LuaSandbox sandbox(options.scenario_limits, root.child("lua:scenario"));
  lua_State* L = sandbox.state();
  ScenarioSession session;
  session.path = path;
  session.sandbox = &sandbox;

  auto finish_with = [&](ScriptError error) -> ScenarioRunResult& {
    result.error = std::move(error);
    result.printed = sandbox.printed();
    return result;
  };

  install_expect(L, session);
  if (auto error = sandbox.call(2, 0)) return finish_with(*error);
  if (auto error = execute_scenario_file(sandbox, path, source)) return finish_with(*error);
  auto declarations = read_declarations(L, path, source);
  if (auto* error = std::get_if<ScriptError>(&declarations)) return finish_with(*error);
  const auto& decls = std::get<std::vector<ScenarioDecl>>(declarations);
  if (index >= decls.size()) {
    return finish_with(ScriptError{ScriptError::Kind::Config, path, 0, "the file has no scenario number " +
                                                                          std::to_string(index + 1)});
  }
  result.decl = decls[index];
  const ScenarioDecl& decl = result.decl;
  // expect_load_error: a load error is the scenario's one check.
  auto load_check = [&](bool passed, const std::string& actual) -> ScenarioRunResult& {
    result.checks.push_back(CheckResult{passed, path, decl.line, "loading the scenario", "fails with",
                                        "\"" + decl.expect_load_error + "\"", actual});
    result.printed = sandbox.printed();
    return result;
  };
  auto load_failed = [&](ScriptError error) -> ScenarioRunResult& {
    if (decl.expect_load_error.empty()) return finish_with(std::move(error));
    return load_check(error.message.find(decl.expect_load_error) != std::string::npos, error.text());
  };

  result.policy = result.policy_spec = chosen_policy(decl, options.policy_override);
  ConfiguredScenario configured = configure_scenario(L, ScenarioChoice{path, source, index, decl},
                                                     options.policy_override, options.policy_limits, root);
  if (configured.policy) result.policy = std::string(configured.policy->name());
  result.topology = std::move(configured.topology);
  if (configured.error) return load_failed(std::move(*configured.error));
  std::unique_ptr<LuaPolicy> policy = std::move(configured.policy);
  policy->send_output_to(sandbox);
  const Topology& topology = *result.topology;
  push_declared_scenarios(L);
  lua_rawgeti(L, -1, static_cast<lua_Integer>(index) + 1);
  lua_getfield(L, -1, "def");
  const int def = lua_gettop(L);
  if (!decl.expect_load_error.empty()) return load_check(false, "it loads without an error");
  if (raw_field(L, def, "steps") != LUA_TFUNCTION) {  // raw: a metatable must not run here, unprotected
    return finish_with(ScriptError{ScriptError::Kind::Config, path, decl.line,
                                   "the scenario needs steps = function(sim) ... end"});
  }
  if (options.validate_only) {
    lua_settop(L, 0);
    result.printed = sandbox.printed();
    return result;
  }

  // Building the Pbx asks the policy (soft-phone device names), which may fail.
  std::optional<Pbx> built;
  try {
    built.emplace(topology, *policy, options.seed);
  } catch (const PolicyError& error) {
    return finish_with(ScriptError{ScriptError::Kind::Runtime, path, decl.line, error.what()});
  }
  Pbx& pbx = *built;
  // The scenario's own limit, else the runner's (--engine-kept-mib).
  pbx.limit_kept_bytes(topology.engine_kept_mib > 0 ? static_cast<std::size_t>(topology.engine_kept_mib) << 20
                                                    : options.engine_kept_bytes);
  session.pbx = &pbx;
  if (options.record_decisions) policy->record_decisions_into(&pbx);
  policy->set_decision_cache(options.decision_cache);
  // From here on every printed line (the scenario's and the policy's hooks')
  // starts with the simulated time it was written at.
  sandbox.set_time_label([&pbx] { return format_duration(pbx.now_us()); });
  pbx.set_callback_handler([&](std::uint32_t callback) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, session.callback_refs.at(callback));
    if (auto error = sandbox.call(0, 0)) throw LocatedError(error->text());
  });
  push_sim(L, session);
  std::optional<ScriptError> steps_error = sandbox.call(1, 0);
  lua_settop(L, 0);
  // The model's invariants, once per scenario (asserts); not after an error,
  // which may have stopped an event half-way.
  if (!steps_error) pbx.check_structure();

  result.checks = std::move(session.checks);
  result.trace_hash = pbx.trace().hash();
  result.trace_events = pbx.trace().count();
  result.trace = pbx.trace().events();
  result.queue_depths = pbx.trace_queue_depths();
  result.peak_queue_depth = pbx.peak_pending_events();
  result.policy_answers_from_cache = policy->decisions_from_cache();
  for (std::size_t i = 0; i < pbx.call_count(); ++i) result.calls.push_back(pbx.call(static_cast<CallId>(i + 1)));
  sandbox.set_time_label({});
  result.printed = sandbox.printed();
  if (!steps_error) steps_error = unrelated_expect(session);
  if (steps_error) {
    result.error = steps_error;
  } else if (result.checks.empty()) {
    result.checks.push_back(CheckResult{false, path, decl.line, "the scenario", "checks", "at least one expect(...)",
                                        "no checks: a scenario that checks nothing cannot fail"});
  }
  return result;
}

}  // namespace pbxsim
