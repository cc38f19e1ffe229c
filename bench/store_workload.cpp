#include "store_workload.h"

#include "pbxsim/simulator/testing/calls_to_shared_lines.h"

namespace pbxsim::bench {

const ScenarioReport& ten_thousand_calls() {
  static const ScenarioReport report = [] {
    ScenarioReport made = testing::calls_to_shared_lines(100, 10'000);
    made.file = "bench/results_store_bench.lua";
    made.result.decl.name = "10 000 calls";
    made.result.checks.front().file = made.file;
    return made;
  }();
  return report;
}

}  // namespace pbxsim::bench
