// Whether a Lua policy's hook answers are remembered by the facts they read
// (scripting/src/decision_cache.h). The trace is the same in every mode.
#pragma once

#include <optional>
#include <string_view>

namespace pbxsim {

enum class DecisionCacheMode {
  Off,
  AfterWarmUp,    // the default: from the 2000th hook call of a run on
  FromFirstCall,  // what the tests that compare cached and uncached runs use
};

// "off", "on", "eager" (the command line's --decision-cache), or nullopt.
inline std::optional<DecisionCacheMode> parse_decision_cache_mode(std::string_view text) {
  if (text == "off") return DecisionCacheMode::Off;
  if (text == "on") return DecisionCacheMode::AfterWarmUp;
  if (text == "eager") return DecisionCacheMode::FromFirstCall;
  return std::nullopt;
}

}  // namespace pbxsim
