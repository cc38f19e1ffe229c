#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pbxsim/simulator/catalogue.h"
#include "pbxsim/simulator/suite_runner.h"

TEST_CASE("catalogue: every ID of the spec is known, with its section", "[simulator][catalogue]") {
  const auto& entries = pbxsim::catalogue();
  REQUIRE(entries.size() == 61 + 10 + 6);  // the seeds' spec, then catalogue/extra.md: TCX-1..10, PARK-1..6
  CHECK(entries.front().id == "CORE-1");
  CHECK(pbxsim::in_catalogue("PARK-3"));
  CHECK(pbxsim::in_catalogue("CUC-5"));
  CHECK(pbxsim::in_catalogue("EM-10"));
  CHECK_FALSE(pbxsim::in_catalogue("CUC-55"));
  CHECK_FALSE(pbxsim::in_catalogue("ID"));
}

TEST_CASE("catalogue: the further vendors' IDs follow the seeds', each once", "[simulator][catalogue]") {
  const auto& entries = pbxsim::catalogue();
  CHECK(pbxsim::in_catalogue("TCX-1"));
  CHECK(pbxsim::in_catalogue("TCX-10"));
  CHECK(entries[61].id == "TCX-1");
  CHECK(entries[61].section.starts_with("TCX"));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    for (std::size_t j = i + 1; j < entries.size(); ++j) {
      INFO(entries[i].id);
      CHECK(entries[i].id != entries[j].id);
    }
  }
}

TEST_CASE("catalogue: the copy in the repo is in step with ../shared/spec", "[simulator][catalogue]") {
  const std::filesystem::path shared = std::filesystem::path(PBXSIM_SOURCE_DIR) / ".." / "shared" / "spec" / "behaviours.md";
  if (!std::filesystem::exists(shared)) {
    WARN("no ../shared beside the checkout: nothing to compare with");
    return;
  }
  std::ifstream in(shared, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  INFO("copy ../shared/spec/behaviours.md to simulator/catalogue/behaviours.md");
  REQUIRE(pbxsim::catalogue_markdown() == text.str());
}

TEST_CASE("filter globs match names and paths", "[simulator][filter]") {
  using pbxsim::glob_match;
  CHECK(glob_match("*DND*", "shared line DND reject"));
  CHECK(glob_match("scenarios/cisco/*", "scenarios/cisco/cuc5.lua"));
  CHECK(glob_match("cuc?.lua", "cuc5.lua"));
  CHECK_FALSE(glob_match("*busy", "busy trigger"));
  CHECK(glob_match("exact", "exact"));
}
