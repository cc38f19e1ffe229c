// Indices the engine uses to name its entities (users, devices, lines,
// appearances, servers) and calls. Shared by the Pbx and its mechanisms.
#pragma once

#include <cstdint>

namespace pbxsim {

using CallId = std::uint32_t;
using Index = std::uint32_t;
inline constexpr Index kNoIndex = UINT32_MAX;

}  // namespace pbxsim
