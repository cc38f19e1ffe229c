// "Use default" inheritance (MS-2) and PCM validation (MS-3, MS-4, MS-5).
#include <catch2/catch.hpp>

#include "pbxsim/engine/pcm.h"
#include "pbxsim/engine/topology.h"

using namespace pbxsim;

namespace {

// line 1000: Individual Line; line 2000: Business Group Line of acme; both use profile office.
PcmConfig sample() {
  PcmConfig config;
  config.present = true;
  config.system = {"system default", "pcm.system",
                   {{"subscribed", "no"}, {"service_level", "Standard"}, {"sip_domain", "pcm.example.net"},
                    {"gateway_model", "Generic"}, {"max_registrations", "1"}}};
  config.service_levels = {{"Standard", {"pcm.example.net"}}, {"Premium", {"premium.example.net"}}};
  config.gateway_models = {{"Generic", ""}, {"Bria", "Bria"}};
  config.profile_names = {"office", "acme_bg"};
  config.profiles = {{"profile office", "pcm.profiles.office", {{"subscribed", "yes"}}},
                     {"profile acme_bg", "pcm.profiles.acme_bg",
                      {{"service_level", "Premium"}, {"sip_domain", "premium.example.net"}}}};
  config.business_groups = {{"acme", "acme_bg", {"business group acme", "pcm.business_groups.acme", {{"gateway_model", "Bria"}}}}};
  config.lines = {{"1000", "individual", "office", "", "pw", {"line 1000", "pcm.lines.1000", {}}},
                  {"2000", "business_group", "office", "acme", "pw", {"line 2000", "pcm.lines.2000", {}}}};
  config.rules.excluded_line_types = {{"teen", "Teen Service Line"}, {"madn", "MADN"}};
  return config;
}

std::vector<TopologyError> problems(const PcmConfig& config) {
  std::vector<TopologyError> errors;
  validate_pcm(config, errors);
  return errors;
}

}  // namespace

TEST_CASE("inheritance: the most specific explicit value wins and says where it came from", "[engine][inheritance]") {
  const InheritanceLevel line{"line 1000", "pcm.lines.1000", {{"sip_domain", "own.example.net"}}};
  const InheritanceLevel profile{"profile office", "pcm.profiles.office", {{"sip_domain", "x"}, {"subscribed", "yes"}}};
  const InheritanceLevel system{"system default", "pcm.system", {{"subscribed", "no"}, {"service_level", "Basic"}}};
  const std::vector<const InheritanceLevel*> chain{&line, &profile, &system};
  const ResolvedValue domain = resolve_inherited(chain, "sip_domain");
  CHECK(domain.value == "own.example.net");
  CHECK(domain.source == "line 1000");
  CHECK(domain.path == "pcm.lines.1000.sip_domain");
  CHECK(resolve_inherited(chain, "subscribed").source == "profile office");
  CHECK(resolve_inherited(chain, "service_level").source == "system default");
  CHECK_FALSE(resolve_inherited(chain, "gateway_model").found);
}

TEST_CASE("inheritance: setting \"default\" removes the explicit value, so it inherits again", "[engine][inheritance]") {
  InheritanceLevel level{"profile office", "pcm.profiles.office", {{"sip_domain", "x"}}};
  set_inherited(level, "sip_domain", "y");
  CHECK(*level.find("sip_domain") == "y");
  set_inherited(level, "sip_domain", "use default");
  CHECK(level.find("sip_domain") == nullptr);
  set_inherited(level, "subscribed", "yes");
  CHECK(level.values.size() == 1);
}

TEST_CASE("inheritance: an Individual Line's use default is the system default (MS-2)", "[engine][inheritance]") {
  const PcmConfig config = sample();
  const PcmLine& line = config.lines[0];
  CHECK(config.chain(line).size() == 3);  // line, profile, system
  CHECK(config.resolve(line, "subscribed").source == "profile office");
  CHECK(config.resolve(line, "service_level").value == "Standard");
  CHECK(config.resolve(line, "service_level").source == "system default");
  CHECK(config.resolve(line, "gateway_model").source == "system default");
}

TEST_CASE("inheritance: a Business Group Line's use default is the Business Group, then its profile (MS-2)",
          "[engine][inheritance]") {
  const PcmConfig config = sample();
  const PcmLine& line = config.lines[1];
  CHECK(config.chain(line).size() == 5);  // line, profile, business group, its profile, system
  CHECK(config.resolve(line, "subscribed").source == "profile office");
  CHECK(config.resolve(line, "gateway_model").value == "Bria");
  CHECK(config.resolve(line, "gateway_model").source == "business group acme");
  CHECK(config.resolve(line, "service_level").source == "profile acme_bg");
  CHECK(config.resolve(line, "sip_domain").value == "premium.example.net");
  CHECK(config.resolve(line, "max_registrations").source == "system default");
}

TEST_CASE("pcm validation: a valid configuration has no problems", "[engine][inheritance]") {
  CHECK(problems(sample()).empty());
}

TEST_CASE("pcm validation: PCM with more than one registration names both settings (MS-4)", "[engine][inheritance]") {
  PcmConfig config = sample();
  set_inherited(config.profiles[0], "max_registrations", "2");
  const std::vector<TopologyError> errors = problems(config);
  REQUIRE(errors.size() == 2);  // both lines use the profile
  CHECK(errors[0].path == "pcm.profiles.office.max_registrations");
  CHECK(errors[0].message.find("PCM subscribed = yes (from profile office)") != std::string::npos);
  CHECK(errors[0].message.find("maximum simultaneous registrations = 2 (from profile office)") != std::string::npos);
  set_inherited(config.profiles[0], "subscribed", "no");
  CHECK(problems(config).empty());
}

TEST_CASE("pcm validation: excluded line types are refused by name (MS-3)", "[engine][inheritance]") {
  PcmConfig config = sample();
  config.lines[0].type = "madn";
  const std::vector<TopologyError> errors = problems(config);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "pcm.lines.1000.type");
  CHECK(errors[0].message == "PCM does not apply to a MADN (line 1000)");
}

TEST_CASE("pcm validation: the domain must be licensed for the service level (MS-5)", "[engine][inheritance]") {
  PcmConfig config = sample();
  set_inherited(config.lines[0].own, "sip_domain", "premium.example.net");
  const std::vector<TopologyError> errors = problems(config);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "pcm.lines.1000.sip_domain");
  CHECK(errors[0].message.find("not licensed for service level Standard (from system default)") != std::string::npos);
  set_inherited(config.lines[0].own, "service_level", "Premium");
  CHECK(problems(config).empty());
}

TEST_CASE("pcm: the authentication key depends on the domain and the password (MS-7)", "[engine][inheritance]") {
  CHECK(pcm_key("a.example.net", "pw") == pcm_key("a.example.net", "pw"));
  CHECK(pcm_key("a.example.net", "pw") != pcm_key("b.example.net", "pw"));
  CHECK(pcm_key("a.example.net", "pw") != pcm_key("a.example.net", "pw2"));
}
