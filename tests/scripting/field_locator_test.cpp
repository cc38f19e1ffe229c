#include <catch2/catch.hpp>

#include "pbxsim/scripting/scenario.h"

TEST_CASE("field locator: finds the line of a nested field", "[scripting][locator]") {
  const std::string source =
      "-- a comment\n"
      "scenario \"x\" {\n"
      "  lines = { [\"1000\"] = { cfna = \"voicemail\" } },\n"
      "  devices = {\n"
      "    desk = {\n"
      "      kind = 42,\n"
      "    },\n"
      "  },\n"
      "}\n";
  CHECK(pbxsim::locate_field(source, 2, "devices.desk.kind") == 6);
  CHECK(pbxsim::locate_field(source, 2, "lines.1000.cfna") == 3);
  CHECK(pbxsim::locate_field(source, 2, "devices.desk.lines[2]") == 5);
  CHECK(pbxsim::locate_field(source, 2, "nothing.here") == 2);
}
