#include "pbxsim/results/script_error.h"

namespace pbxsim {

std::string ScriptError::text() const {
  std::string out = file;
  if (!out.empty() && line > 0) out += ":" + std::to_string(line);
  if (!out.empty()) out += ": ";
  return out + message;
}

}  // namespace pbxsim
