// Metaswitch Personal Communication Manager (PCM) configuration (MS-1 ...
// MS-5): persistent profiles with a PCM service child, Business Groups and
// the lines that use them, each field an explicit value or "use default".
// The run-time side (keys, connections, the gateway model a call uses) is in
// pcm_service.h.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pbxsim/engine/inheritance.h"

namespace pbxsim {

struct Topology;
struct TopologyError;

// The inheritable fields. max_registrations belongs to the parent persistent
// profile, the others to its PCM service child; all resolve the same way.
inline constexpr std::array<std::string_view, 5> kPcmFields = {"subscribed", "service_level", "sip_domain",
                                                               "gateway_model", "max_registrations"};

struct PcmServiceLevel {
  std::string name;
  std::vector<std::string> domains;  // the SIP domains licensed for it (MS-5)
};

struct PcmGatewayModel {
  std::string name;
  std::string user_agent;  // matched (as a substring) against the User-Agent at registration; empty: never derived
};

// The policy's part.
struct PcmRules {
  // Line types PCM does not apply to, with the name the refusal gives (MS-3).
  std::vector<std::pair<std::string, std::string>> excluded_line_types;
  std::string derived_model = "derived";  // the gateway_model value meaning "derived from SIP User Agent"
  bool single_registration = true;        // MS-4: PCM only with max_registrations 1
};

struct PcmLine {
  std::string number;
  std::string type = "individual";  // individual, business_group, or a type the rules exclude
  std::string profile;              // a persistent profile, may be empty
  std::string business_group;       // for business_group lines
  std::string password;
  InheritanceLevel own;             // the line's own PCM fields
};

struct PcmBusinessGroup {
  std::string name;
  std::string profile;   // the Business Group's own persistent profile, may be empty
  InheritanceLevel own;  // the Business Group's configuration
};

struct PcmConfig {
  bool present = false;  // the scenario has a pcm section
  InheritanceLevel system;  // system defaults
  std::vector<PcmServiceLevel> service_levels;
  std::vector<PcmGatewayModel> gateway_models;
  std::vector<InheritanceLevel> profiles;  // name = "profile <name>"; see profile_name()
  std::vector<std::string> profile_names;  // parallel to profiles
  std::vector<PcmBusinessGroup> business_groups;
  std::vector<PcmLine> lines;
  PcmRules rules;

  const PcmLine* find_line(std::string_view number) const;
  const InheritanceLevel* find_profile(std::string_view name) const;
  const PcmBusinessGroup* find_business_group(std::string_view name) const;
  // line -> its profile -> (Business Group -> the Business Group's profile) -> system default.
  std::vector<const InheritanceLevel*> chain(const PcmLine& line) const;
  ResolvedValue resolve(const PcmLine& line, std::string_view field) const;
};

// Everything PCM validation finds, field paths under "pcm." (MS-3, MS-4, MS-5).
void validate_pcm(const PcmConfig& config, std::vector<TopologyError>& errors);
void validate_pcm(const Topology& topology, std::vector<TopologyError>& errors);

// The authentication key the NE derives from the SIP domain and the password (MS-7).
std::string pcm_key(std::string_view sip_domain, std::string_view password);

}  // namespace pbxsim
