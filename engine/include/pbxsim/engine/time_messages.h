// What readers say about a time they refuse. Apart from time.h so that the
// few readers that need it are all that include it.
#pragma once

#include <cstdint>
#include <string>

namespace pbxsim {

// A time given as a bare number (`no_answer = 15000`): it needs a unit, e.g.
// "15000s"; readers refuse numbers (other than 0) rather than guess seconds.
std::string unitless_time_message(std::int64_t number);

}  // namespace pbxsim
