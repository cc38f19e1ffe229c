#include <catch2/catch.hpp>

#include "pbxsim/simulator/call_summary.h"
#include "pbxsim/simulator/golden.h"

using namespace pbxsim;

TEST_CASE("golden: a rendered file parses back to the same blocks, odd names included", "[golden]") {
  std::vector<GoldenBlock> blocks{
      {"plain name", "base", 1, 0, {"  call-1 from +1 to 1000", "    outcome busy at 1s: line 1000", "    path 1000"}},
      {"a \"quoted\" name with a \\ backslash", "cisco_cucm", 42, 0, {"  no calls"}},
  };
  const std::vector<GoldenBlock> parsed = parse_golden(render_golden("dir/x.lua", blocks));
  REQUIRE(parsed.size() == 2);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    CHECK(parsed[i].scenario == blocks[i].scenario);
    CHECK(parsed[i].policy == blocks[i].policy);
    CHECK(parsed[i].seed == blocks[i].seed);
    CHECK(parsed[i].facts == blocks[i].facts);
    CHECK(parsed[i].line > 0);
  }
}

TEST_CASE("call summary: records belong to the call in their call field, whoever their subject is", "[golden]") {
  CHECK(call_of_event(TraceEvent::of(0, TraceKind::CallOffered, {.about = TraceAbout::Call, .call = 12})) == 12u);
  CHECK(call_of_event(TraceEvent::of(0, TraceKind::Alerted, {.about = TraceAbout::Device, .call = 3, .device = "desk"})) ==
        3u);
  CHECK_FALSE(call_of_event(TraceEvent::of(0, TraceKind::Registered, {.about = TraceAbout::Device, .device = "call-center"})));
  CHECK_FALSE(call_of_event(TraceEvent::of(0, TraceKind::DndChanged, {.about = TraceAbout::Device, .device = "desk"})));
}
