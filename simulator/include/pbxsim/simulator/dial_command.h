// `pbxsim dial`: a dialed-number analysis without placing a call. Loads a
// scenario file's topology under a policy and prints every step a dialed
// number (or, with --caller-id, a caller ID) goes through, then where it
// would be routed, like Unified CM's Dialed Number Analyzer.
#pragma once

#include <iosfwd>
#include <string>

namespace pbxsim {

struct DialFlags {
  std::string topology;   // a scenario file
  std::string number;
  std::string policy;     // empty: the scenario's
  std::string scenario;   // empty: the file's first
  std::string from;       // a device the number is dialed on
  bool caller_id = false; // analyse a caller ID with the directory lookup rules
};

// Returns the exit status: 0, or 2 for bad input (message on `err`).
int dial_command(const DialFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace pbxsim
