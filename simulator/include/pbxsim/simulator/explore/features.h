// The features the explorer generates, one small generator each. A feature
// shapes the topology (adds forwards, shared appearances, lifetimes ...) and
// adds stimuli to the timeline. To explore a new engine feature (hunt
// groups, profiles, extension-mobility logins), write a generator in
// simulator/src/explore/features/ and add it to the list in
// feature_registry.cpp; `--features` and `--pairs` pick it up.
//
// Every feature draws from its own named PRNG stream, so adding a feature or
// changing one does not change what the others generate for a seed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/prng.h"
#include "pbxsim/simulator/explore/explore_case.h"

namespace pbxsim {

// What a generator works with: the case so far and its own random stream.
class CaseBuilder {
 public:
  CaseBuilder(ExploreCase& c, Prng random, std::string feature, bool ties)
      : case_(c), random_(random), feature_(std::move(feature)), ties_(ties) {}

  ExploreCase& c() { return case_; }
  Prng& random() { return random_; }
  bool chance(int percent) { return static_cast<int>(random_.below(100)) < percent; }
  int between(int low, int high) { return static_cast<int>(random_.between(low, high)); }
  template <typename T>
  T& pick(std::vector<T>& items) {
    return items[random_.below(items.size())];
  }

  // A time for a stimulus. With ties (the pairs matrix), times fall on a few
  // whole seconds so stimuli of different features meet at the same instant.
  TimeUs time_between(TimeUs low_us, TimeUs high_us);

  CaseUser& add_user();
  CaseLine& add_line();
  CaseDevice& add_device();
  CaseLine* find_line(const std::string& number);
  // Devices with an appearance of the line.
  std::vector<std::string> devices_with(const std::string& number);
  // A forward target: another line (most often), voicemail, or an external number.
  std::string forward_target(const std::string& from_line);
  std::string new_external(const std::string& behaviour);

  CaseStep& add_step(CaseStep step);
  // A call and its label; follow-ups (answer, hang-up) are the caller's business.
  CaseStep& add_call(TimeUs at_us, const std::string& dialed);

 private:
  ExploreCase& case_;
  Prng random_;
  std::string feature_;
  bool ties_;
};

struct Feature {
  std::string_view name;
  std::string_view summary;
  void (*shape)(CaseBuilder& builder);      // topology; may be nullptr
  void (*stimulate)(CaseBuilder& builder);  // timeline; may be nullptr
};

// The base feature ("calls": users, lines, devices, calls answered or not)
// first, then every other feature.
const std::vector<Feature>& explore_features();
const Feature* find_feature(std::string_view name);

// Generates the case for one seed with the base and the named features (all
// when `features` is empty), each at intensity 1.
ExploreCase generate_case(std::uint64_t seed, const std::vector<std::string>& features, bool ties);

// Swarm testing: which features a seed turns on, and how hard. Each feature
// but the base is on with even odds, at an intensity of 1 to 3 (its
// timeline is generated that many times over). Drawn from the seed's own
// "swarm" stream, so the draw depends on the seed alone: `explore --seed S`
// makes the same case again. Cases with every feature on never reach what a
// feature's absence allows (a line nobody forwards, a device never in DND).
struct FeatureChoice {
  std::string name;
  int intensity = 1;
};
std::vector<FeatureChoice> swarm_features(std::uint64_t seed);
ExploreCase generate_case_with(std::uint64_t seed, const std::vector<FeatureChoice>& features, bool ties);

// The features of a seed's case, the base first: `pinned` at intensity 1
// when any are named, else the swarm's draw. "all" pins every feature.
std::vector<FeatureChoice> features_for_seed(std::uint64_t seed, const std::vector<std::string>& pinned);

// The feature generators (simulator/src/explore/features/*.cpp).
void shape_calls(CaseBuilder& builder);
void stimulate_calls(CaseBuilder& builder);
void stimulate_dnd_reject(CaseBuilder& builder);
void stimulate_dnd_ringer_off(CaseBuilder& builder);
void shape_cfa(CaseBuilder& builder);
void shape_cfb(CaseBuilder& builder);
void shape_cfna(CaseBuilder& builder);
void stimulate_cfa(CaseBuilder& builder);
void stimulate_cfb(CaseBuilder& builder);
void stimulate_cfna(CaseBuilder& builder);
void shape_hop_limit(CaseBuilder& builder);
void shape_shared_line(CaseBuilder& builder);
void stimulate_shared_line(CaseBuilder& builder);
void shape_registration_expiry(CaseBuilder& builder);
void stimulate_registration_expiry(CaseBuilder& builder);
void shape_max_registrations(CaseBuilder& builder);
void stimulate_max_registrations(CaseBuilder& builder);
void shape_busy_trigger(CaseBuilder& builder);
void stimulate_busy_trigger(CaseBuilder& builder);
void shape_user_mode(CaseBuilder& builder);
void stimulate_user_mode(CaseBuilder& builder);
void shape_groups(CaseBuilder& builder);
void stimulate_groups(CaseBuilder& builder);
void shape_profiles(CaseBuilder& builder);
void stimulate_profiles(CaseBuilder& builder);
void shape_extension_mobility(CaseBuilder& builder);
void stimulate_extension_mobility(CaseBuilder& builder);
void shape_client_failover(CaseBuilder& builder);
void stimulate_client_failover(CaseBuilder& builder);
void shape_group_pickup(CaseBuilder& builder);
void stimulate_group_pickup(CaseBuilder& builder);
void shape_call_park(CaseBuilder& builder);
void stimulate_call_park(CaseBuilder& builder);
void shape_dial_rules(CaseBuilder& builder);
void stimulate_dial_rules(CaseBuilder& builder);
void shape_provisioning(CaseBuilder& builder);
void stimulate_provisioning(CaseBuilder& builder);
void shape_pcm(CaseBuilder& builder);
void stimulate_pcm(CaseBuilder& builder);

}  // namespace pbxsim
