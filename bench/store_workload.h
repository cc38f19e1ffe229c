// The scenario the SQLite benchmarks store: 10 000 calls to 100 shared
// lines under the neutral policy (half answered and hung up, half to
// voicemail), run once by the real engine.
#pragma once

#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim::bench {

const ScenarioReport& ten_thousand_calls();

}  // namespace pbxsim::bench
