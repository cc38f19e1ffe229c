// The list of features and the builder they share. Sections: the builder ·
// the list · generating a case.
#include <algorithm>

#include "pbxsim/simulator/explore/features.h"

namespace pbxsim {

// ----------------------------------------------------------------- the builder

TimeUs CaseBuilder::time_between(TimeUs low_us, TimeUs high_us) {
  if (ties_) {
    // Whole seconds in a short window: collisions are the point.
    const TimeUs low_s = std::max<TimeUs>(1, low_us / kUsPerSecond);
    const TimeUs high_s = std::max(low_s, std::min<TimeUs>(low_s + 4, high_us / kUsPerSecond));
    return random_.between(low_s, high_s) * kUsPerSecond;
  }
  // Millisecond resolution keeps the rendered times short.
  return random_.between(low_us / kUsPerMs, high_us / kUsPerMs) * kUsPerMs;
}

CaseUser& CaseBuilder::add_user() {
  case_.users.push_back(CaseUser{"u" + std::to_string(case_.users.size() + 1), {}});
  return case_.users.back();
}

CaseLine& CaseBuilder::add_line() {
  CaseLine line;
  line.number = std::to_string(1000 + case_.lines.size());
  case_.lines.push_back(line);
  return case_.lines.back();
}

CaseDevice& CaseBuilder::add_device() {
  CaseDevice device;
  device.name = "d" + std::to_string(case_.devices.size() + 1);
  case_.devices.push_back(device);
  return case_.devices.back();
}

CaseLine* CaseBuilder::find_line(const std::string& number) {
  for (CaseLine& line : case_.lines) {
    if (line.number == number) return &line;
  }
  return nullptr;
}

std::vector<std::string> CaseBuilder::devices_with(const std::string& number) {
  std::vector<std::string> names;
  for (const CaseDevice& device : case_.devices) {
    for (const CaseAppearance& appearance : device.lines) {
      if (appearance.dn == number) names.push_back(device.name);
    }
  }
  return names;
}

std::string CaseBuilder::new_external(const std::string& behaviour) {
  const std::string number = "+1555000" + std::to_string(2000 + case_.externals.size());
  case_.externals.push_back(CaseExternal{number, behaviour});
  return number;
}

std::string CaseBuilder::forward_target(const std::string& from_line) {
  const int roll = between(1, 10);
  if (roll <= 6 && case_.lines.size() > 1) {
    while (true) {
      const std::string& number = pick(case_.lines).number;
      if (number != from_line) return number;
    }
  }
  if (roll <= 8) return "voicemail";
  static const char* const kBehaviours[] = {"answer", "busy", "unreachable", "no-answer"};
  return new_external(kBehaviours[random_.below(4)]);
}

CaseStep& CaseBuilder::add_step(CaseStep step) {
  step.feature = feature_;
  case_.steps.push_back(std::move(step));
  return case_.steps.back();
}

CaseStep& CaseBuilder::add_call(TimeUs at_us, const std::string& dialed) {
  int calls = 0;
  for (const CaseStep& step : case_.steps) calls += step.kind == CaseStep::Kind::Call ? 1 : 0;
  CaseStep call;
  call.at_us = at_us;
  call.kind = CaseStep::Kind::Call;
  call.subject = "+1555000" + std::to_string(1000 + calls + 1);
  call.value = dialed;
  call.label = "c" + std::to_string(calls + 1);
  return add_step(call);
}

// -------------------------------------------------------------------- the list

const std::vector<Feature>& explore_features() {
  static const std::vector<Feature> features{
      {"calls", "users, lines, devices; calls answered, abandoned and hung up", shape_calls, stimulate_calls},
      {"dnd-reject", "devices go into DND call-reject and out again", nullptr, stimulate_dnd_reject},
      {"dnd-ringer-off", "devices go into DND ringer-off and out again", nullptr, stimulate_dnd_ringer_off},
      {"cfa", "a line forwards all calls; a call to it", shape_cfa, stimulate_cfa},
      {"cfb", "lines forward when busy; a call to one", shape_cfb, stimulate_cfb},
      {"cfna", "lines forward on no answer, with short timers; a call to one", shape_cfna, stimulate_cfna},
      {"hop-limit", "a small hop limit and forward chains (sometimes loops) across lines", shape_hop_limit, nullptr},
      {"shared-line", "lines appear on several devices; answer races", shape_shared_line, stimulate_shared_line},
      {"registration-expiry", "registrations with lifetimes, refreshes and unregistrations",
       shape_registration_expiry, stimulate_registration_expiry},
      {"max-registrations", "lines limit their registrations; late devices register", shape_max_registrations,
       stimulate_max_registrations},
      {"busy-trigger", "small max-calls and busy triggers; bursts of calls", shape_busy_trigger,
       stimulate_busy_trigger},
      {"user-mode", "users in soft-phone or desk-phone mode, and switching", shape_user_mode, stimulate_user_mode},
      {"groups", "ring-all and hunt groups, members logged out or paused, logging in and out; calls to the groups",
       shape_groups, stimulate_groups},
      {"profiles", "server-side profiles, some sticky, with enter and leave chains, timed and Teams triggers; "
                   "users select them by hand",
       shape_profiles, stimulate_profiles},
      {"extension-mobility", "hot-desk phones, users' device profiles, multiple-login modes, a short maximum login "
                             "time; logins, logouts and calls to the profiles' lines",
       shape_extension_mobility, stimulate_extension_mobility},
      {"client-failover", "desk-phone users whose client controls their phone through CTI gateways; gateways go "
                          "down and come back",
       shape_client_failover, stimulate_client_failover},
      {"group-pickup", "calls to groups picked up by other members' phones (or any phone), sometimes as the group "
                       "lets the call go",
       shape_group_pickup, stimulate_group_pickup},
      {"call-park", "a park range of one or two numbers, short reversion timers; answered calls parked, retrieved "
                    "from any phone (or not, or from a free number), callers hanging up while parked",
       shape_call_park, stimulate_call_park},
      {"dial-rules", "a site dial plan (normalisation, '+' kept or not, access code, short dialing, outside prefix, "
                     "sometimes a rule that spoils extensions); calls dialed with codes, separators, letters and '+'",
       shape_dial_rules, stimulate_dial_rules},
      {"provisioning", "users with CUP and CUPC licences, soft phones named from their users' names, secondary soft "
                       "phones of desk phones, a licence pool; devices deleted during the run",
       shape_provisioning, stimulate_provisioning},
      {"pcm", "Metaswitch PCM over some lines: profiles, a Business Group, fields explicit or \"use default\" at "
              "each level; connections, passwords entered again, calls to PCM lines",
       shape_pcm, stimulate_pcm},
  };
  return features;
}

const Feature* find_feature(std::string_view name) {
  for (const Feature& feature : explore_features()) {
    if (feature.name == name) return &feature;
  }
  return nullptr;
}

// ----------------------------------------------------------- generating a case

ExploreCase generate_case_with(std::uint64_t seed, const std::vector<FeatureChoice>& features, bool ties) {
  ExploreCase c;
  c.seed = seed;
  std::vector<std::pair<const Feature*, int>> chosen;  // in the list's order, with the intensity
  for (const Feature& feature : explore_features()) {
    const bool base = &feature == &explore_features().front();
    const auto found = std::find_if(features.begin(), features.end(),
                                    [&](const FeatureChoice& choice) { return choice.name == feature.name; });
    if (!base && found == features.end()) continue;
    chosen.emplace_back(&feature, found == features.end() ? 1 : std::max(1, found->intensity));
    c.features.emplace_back(feature.name);
    c.intensities.push_back(chosen.back().second);
  }
  const Prng root(seed);
  // Every topology first, then every timeline: stimuli see the final topology.
  for (const auto& [feature, intensity] : chosen) {
    if (feature->shape == nullptr) continue;
    CaseBuilder builder(c, root.child("shape:" + std::string(feature->name)), std::string(feature->name), ties);
    feature->shape(builder);
  }
  for (const auto& [feature, intensity] : chosen) {
    if (feature->stimulate == nullptr) continue;
    // One builder for every round: the rounds continue one stream.
    CaseBuilder builder(c, root.child("stimulate:" + std::string(feature->name)), std::string(feature->name), ties);
    for (int round = 0; round < intensity; ++round) feature->stimulate(builder);
  }
  // Scheduled in time order; same-time steps keep the order they were made in.
  std::stable_sort(c.steps.begin(), c.steps.end(),
                   [](const CaseStep& a, const CaseStep& b) { return a.at_us < b.at_us; });
  return c;
}

ExploreCase generate_case(std::uint64_t seed, const std::vector<std::string>& features, bool ties) {
  std::vector<FeatureChoice> choices;
  for (const Feature& feature : explore_features()) {
    if (features.empty() || std::find(features.begin(), features.end(), feature.name) != features.end()) {
      choices.push_back(FeatureChoice{std::string(feature.name), 1});
    }
  }
  return generate_case_with(seed, choices, ties);
}

std::vector<FeatureChoice> swarm_features(std::uint64_t seed) {
  Prng swarm = Prng(seed).child("swarm");
  std::vector<FeatureChoice> choices;
  for (std::size_t i = 1; i < explore_features().size(); ++i) {
    // Drawn for every feature whether on or not, so adding a feature at the
    // end of the list changes no earlier feature's draw.
    const bool on = swarm.below(2) == 1;
    const int intensity = static_cast<int>(swarm.between(1, 3));
    if (on) choices.push_back(FeatureChoice{std::string(explore_features()[i].name), intensity});
  }
  return choices;
}

std::vector<FeatureChoice> features_for_seed(std::uint64_t seed, const std::vector<std::string>& pinned) {
  std::vector<FeatureChoice> choices{FeatureChoice{std::string(explore_features().front().name), 1}};
  if (pinned.empty()) {
    for (FeatureChoice& choice : swarm_features(seed)) choices.push_back(std::move(choice));
    return choices;
  }
  const bool all = std::find(pinned.begin(), pinned.end(), "all") != pinned.end();
  for (std::size_t i = 1; i < explore_features().size(); ++i) {
    const Feature& feature = explore_features()[i];
    if (all || std::find(pinned.begin(), pinned.end(), feature.name) != pinned.end()) {
      choices.push_back(FeatureChoice{std::string(feature.name), 1});
    }
  }
  return choices;
}

}  // namespace pbxsim
