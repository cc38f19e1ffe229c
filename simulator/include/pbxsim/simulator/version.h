#pragma once

namespace pbxsim {
inline constexpr const char* kPbxsimVersion = "0.1.0";
}
