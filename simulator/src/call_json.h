// A call as JSON, the one form `run --json`, `report --json` and
// `matrix --json` print (docs/scenarios.md, "a call handle"): what has not
// happened is null, as it is nil in Lua and NULL in the results database.
#pragma once

#include <nlohmann/json.hpp>

#include "pbxsim/engine/pbx.h"

namespace pbxsim {

nlohmann::json time_or_null(TimeUs time_us);
nlohmann::json call_json(const CallRecord& call);

}  // namespace pbxsim
