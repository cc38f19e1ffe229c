// A scenario report made by the real engine without a scenario file, for
// tests and benchmarks of what is done with results (the results database):
// `calls` calls, one a second, to `lines` shared lines (a desk and a soft
// phone each) under the neutral policy; every other call is answered on
// the desk phone after 3 s and hung up after 30 s, the rest go to voicemail.
#pragma once

#include "pbxsim/simulator/suite_runner.h"

namespace pbxsim::testing {

ScenarioReport calls_to_shared_lines(int lines, int calls);

}  // namespace pbxsim::testing
