// Metaswitch PCM (MS-1, MS-2, MS-5, MS-7): a PCM configuration over some of
// the case's lines, Individual Lines and Business Group Lines, with one or
// two persistent profiles and a Business Group that may have a profile of
// its own; each field explicit at one level or "use default" (left out) so
// the effective values come from every level of MS-2's chain. The system
// level holds every field, so each line resolves under any policy; both
// service levels license both domains (MS-5 validity holds whatever the
// chain gives). Lines' devices register with User-Agents. During the run:
// PCM connections (subscribed or not), passwords entered again, calls to
// the PCM lines.
#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {
namespace {

const char* const kDomains[] = {"pcm.example.net", "pcm2.example.net"};
const char* const kLevels[] = {"Standard", "Basic"};
const char* const kModels[] = {"Generic SIP", "CounterPath Bria", "Polycom VVX"};
const char* const kUserAgents[] = {"Bria 5.1", "PolycomVVX-VVX_410", "Linphone/4.2"};

// Some of the PCM fields, each explicit with a random value (the others "use default").
CasePcmFields some_fields(CaseBuilder& builder, int percent) {
  CasePcmFields fields;
  if (builder.chance(percent)) fields.emplace_back("subscribed", builder.chance(60) ? "yes" : "no");
  if (builder.chance(percent)) fields.emplace_back("service_level", kLevels[builder.random().below(2)]);
  if (builder.chance(percent)) fields.emplace_back("sip_domain", kDomains[builder.random().below(2)]);
  if (builder.chance(percent)) fields.emplace_back("gateway_model", kModels[builder.random().below(3)]);
  return fields;
}

}  // namespace

void shape_pcm(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  if (c.lines.empty()) return;
  CasePcm& pcm = c.pcm;
  pcm.present = true;
  pcm.system = {{"subscribed", builder.chance(50) ? "yes" : "no"},
                {"service_level", kLevels[builder.random().below(2)]},
                {"sip_domain", kDomains[builder.random().below(2)]},
                {"gateway_model", kModels[builder.random().below(3)]},
                {"max_registrations", "1"}};
  for (const char* level : kLevels) pcm.service_levels.push_back({level, {kDomains[0], kDomains[1]}});
  pcm.gateway_models = {{kModels[0], ""}, {kModels[1], "Bria"}, {kModels[2], "PolycomVVX"}};
  const int profiles = builder.between(1, 2);
  for (int i = 0; i < profiles; ++i) pcm.profiles.emplace_back("profile" + std::to_string(i + 1), some_fields(builder, 50));
  auto some_profile = [&]() -> std::string {
    return builder.chance(70) ? pcm.profiles[builder.random().below(pcm.profiles.size())].first : "";
  };
  const bool business_group = builder.chance(60);
  if (business_group) pcm.business_groups.push_back(CasePcmBusinessGroup{"bg1", some_profile(), some_fields(builder, 40)});
  for (const CaseLine& line : c.lines) {
    if (!builder.chance(70)) continue;
    CasePcmLine subscriber{line.number, {}, some_profile(), {}, "pw" + line.number, some_fields(builder, 30)};
    if (business_group && builder.chance(50)) {
      subscriber.type = "business_group";
      subscriber.business_group = "bg1";
    }
    pcm.lines.push_back(subscriber);
  }
  for (CaseDevice& device : c.devices) {
    if (builder.chance(60)) device.user_agent = kUserAgents[builder.random().below(3)];
  }
}

void stimulate_pcm(CaseBuilder& builder) {
  ExploreCase& c = builder.c();
  if (c.pcm.lines.empty()) return;
  const int actions = builder.between(2, 5);
  for (int i = 0; i < actions; ++i) {
    const std::string number = builder.pick(c.pcm.lines).number;
    const TimeUs at_us = builder.time_between(kUsPerSecond, 40 * kUsPerSecond);
    const int roll = builder.between(1, 10);
    if (roll <= 5) {
      builder.add_step(CaseStep::make(at_us, CaseStep::Kind::PcmConnect, number));
    } else if (roll <= 7) {
      builder.add_step(CaseStep::make(at_us, CaseStep::Kind::PcmPassword, number, "new" + std::to_string(i)));
    } else {
      builder.add_call(at_us, number);
    }
  }
}

}  // namespace pbxsim
