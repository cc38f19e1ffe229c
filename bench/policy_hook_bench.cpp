// One Lua policy hook per event: the Cisco policy's appearance decision,
// the hook the engine calls most.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <variant>

#include "pbxsim/scripting/lua_policy.h"

namespace {

std::unique_ptr<pbxsim::LuaPolicy> load(const char* name) {
  auto loaded = pbxsim::LuaPolicy::load(name, "", pbxsim::SandboxLimits{}, pbxsim::Prng(1));
  if (auto* error = std::get_if<pbxsim::ScriptError>(&loaded)) throw std::runtime_error(error->text());
  return std::move(std::get<std::unique_ptr<pbxsim::LuaPolicy>>(loaded));
}

void BM_LuaAppearanceHook(benchmark::State& state) {
  auto policy = load("cisco_cucm");
  static const std::string owner = "alice";
  static const pbxsim::UserMode owner_mode = pbxsim::UserMode::SoftPhone;
  pbxsim::AppearanceFacts facts{"+14085550100", "1000", "desk", pbxsim::DeviceKind::DeskPhone, &owner,
                                &owner_mode, true, pbxsim::DndMode::Off, 0, 4, 2, 0, true, false};
  int alerts = 0;
  for (auto _ : state) {
    facts.active_calls = static_cast<int>(state.iterations() % 3);
    alerts += policy->decide_appearance(facts).verdict == pbxsim::AppearanceVerdict::Alert ? 1 : 0;
  }
  benchmark::DoNotOptimize(alerts);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LuaAppearanceHook);

void BM_LuaNoAnswerHook(benchmark::State& state) {
  auto policy = load("cisco_cucm");
  pbxsim::LineFacts facts{"+14085550100", "1000", "alice", pbxsim::UserMode::SoftPhone, 2, 2, 0, 0, 0, 0, 0,
                          true, true, 0, 0, true};
  for (auto _ : state) benchmark::DoNotOptimize(policy->when_no_answer(facts));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LuaNoAnswerHook);

}  // namespace
