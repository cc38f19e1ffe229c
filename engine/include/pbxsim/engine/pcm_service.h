// Metaswitch PCM at run time: effective values and where they come from
// (MS-2), the authentication key (MS-7), PCM connections, the media gateway
// model a call uses (MS-5, MS-6), and configuration changes that are
// validated like the scenario's own configuration and refused when invalid
// (MS-3, MS-4, MS-5).
#pragma once

#include "pbxsim/engine/feature.h"
#include "pbxsim/engine/feature_context.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/pcm.h"

namespace pbxsim {

// A change to one level of the configuration: field -> value ("default" clears it).
struct PcmEdit {
  enum class Level : std::uint8_t { Profile, BusinessGroup, Line };
  Level level = Level::Profile;
  std::string name;  // profile or Business Group name, or the line's DN
  std::vector<std::pair<std::string, std::string>> values;
};

class PcmService final : public PbxFeature {
 public:
  std::string_view feature_name() const override { return "pcm"; }
  PcmService(FeatureContext& core, const PcmConfig& config);

  const PcmConfig& config() const { return config_; }
  bool is_subscriber(std::string_view number) const { return config_.find_line(number) != nullptr; }
  ResolvedValue effective(std::string_view number, std::string_view field) const;
  // The model in use now; "derived from SIP User Agent" is matched against
  // the User-Agent of the line's latest registration.
  ResolvedValue gateway_model(std::string_view number) const;
  bool key_valid(std::string_view number) const;
  bool connected(std::string_view number) const;

  void edit(const PcmEdit& edit);
  void enter_password(std::string_view number, const std::string& password);
  void connect(std::string_view number);
  // The User-Agent a device registers with from now on (the scenario's register { user_agent = ... }).
  void set_user_agent(DeviceIndex device, const std::string& user_agent);

  // Pbx hook: a call reaches a line; it keeps the gateway model in use now (MS-6).
  void call_offered(CallRecord& call, LineIndex line) override;

 private:
  struct Subscriber {
    std::string key;  // derived when the password was last entered
    bool connected = false;
  };
  void start();
  std::size_t index_of(std::string_view number) const;

  FeatureContext& core_;
  PcmConfig config_;
  std::vector<Subscriber> subscribers_;  // parallel to config_.lines
};

}  // namespace pbxsim
