// `pbxsim dial` prints every transformation step and the route.
#include <catch2/catch.hpp>

#include <sstream>

#include "pbxsim/simulator/dial_command.h"

using namespace pbxsim;

namespace {

struct Printed {
  int status;
  std::string out;
  std::string err;
};

Printed dial(DialFlags flags) {
  flags.topology = std::string(PBXSIM_SOURCE_DIR) + "/" + flags.topology;
  std::ostringstream out;
  std::ostringstream err;
  const int status = dial_command(flags, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace

TEST_CASE("dial command: 1800-GOTMILK under cisco_cucm, step by step", "[simulator][dial]") {
  const Printed printed = dial({"scenarios/cisco/cuc9_dialing.lua", "1800-GOTMILK", "cisco_cucm", "", "", false});
  INFO(printed.out << printed.err);
  REQUIRE(printed.status == 0);
  CHECK(printed.out.find("  1. dialed                   1800-GOTMILK\n") != std::string::npos);
  CHECK(printed.out.find("  2. keep letters and digits  1800GOTMILK") != std::string::npos);
  CHECK(printed.out.find("  3. keypad letters           18004686455") != std::string::npos);
  CHECK(printed.out.find("routes to: external 18004686455 (declared in externals)") != std::string::npos);
}

TEST_CASE("dial command: a caller ID through the directory lookup rules", "[simulator][dial]") {
  const Printed printed = dial({"scenarios/cisco/cuc10_directory_lookup.lua", "4089023139", "", "", "", true});
  INFO(printed.out << printed.err);
  REQUIRE(printed.status == 0);
  CHECK(printed.out.find("directory lookup rule 1 (San Jose DIDs)  23139") != std::string::npos);
  CHECK(printed.out.find("directory: Joe Bloggs") != std::string::npos);
}

TEST_CASE("dial command: the base policy routes the string as dialed", "[simulator][dial]") {
  const Printed printed = dial({"scenarios/cisco/cuc9_dialing.lua", "1800-GOTMILK", "base", "", "", false});
  REQUIRE(printed.status == 0);
  CHECK(printed.out.find("keypad") == std::string::npos);
  CHECK(printed.out.find("routes to: unreachable (no line or external number '1800-GOTMILK')") != std::string::npos);
}

TEST_CASE("dial command: a device's calling restriction refuses an external number", "[simulator][dial]") {
  const Printed printed = dial({"scenarios/cisco/em9_logged_out_device.lua", "+14085550100", "", "", "hot_desk", false});
  REQUIRE(printed.status == 0);
  CHECK(printed.out.find("routes to: refused (calling restriction of hot_desk: internal numbers only)") !=
        std::string::npos);
}

TEST_CASE("dial command: bad input is exit 2 with a message", "[simulator][dial]") {
  CHECK(dial({"scenarios/cisco/no_such_file.lua", "1000", "", "", "", false}).status == 2);
  const Printed device = dial({"scenarios/cisco/em9_logged_out_device.lua", "1000", "", "", "nope", false});
  CHECK(device.status == 2);
  CHECK(device.err.find("--from: no device 'nope'") != std::string::npos);
  const Printed scenario = dial({"scenarios/cisco/em9_logged_out_device.lua", "1000", "", "no such scenario", "", false});
  CHECK(scenario.status == 2);
  CHECK(scenario.err.find("no scenario named 'no such scenario'") != std::string::npos);
}
