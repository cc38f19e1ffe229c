// Configuration of the mechanisms beyond calls and lines: extension mobility
// (EM-*, CUC-8), Cisco provisioning (CUC-1, CUC-11, CUC-12), the directory
// and contact lists (CUC-17 … CUC-19), and the servers a client depends on
// with the client's own settings (CUC-13 … CUC-16). Plain data, part of the
// Topology; validate_features() (topology_features.cpp) checks it.
//
// Sections: extension mobility · provisioning and licences · directory and
// contacts · servers and clients.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pbxsim/engine/boxed.h"
#include "pbxsim/engine/time.h"

namespace pbxsim {

// --------------------------------------------------------- extension mobility

enum class CallingRestriction : std::uint8_t { None, InternalOnly };
std::string_view calling_restriction_name(CallingRestriction restriction);
std::optional<CallingRestriction> parse_calling_restriction(std::string_view text);

// What a device shows besides its lines, and what a device profile brings to
// it at login (EM-4): the button template, speed dials, services, other
// settings, and the calling restriction (EM-9).
struct PhoneConfig {
  std::string button_template;
  std::vector<std::string> speed_dials;
  std::vector<std::string> services;
  std::vector<std::pair<std::string, std::string>> settings;  // sorted by name
  CallingRestriction restriction = CallingRestriction::None;

  bool operator==(const PhoneConfig& other) const = default;
};

enum class MultipleLogin : std::uint8_t { Allowed, NotAllowed, AutoLogout };
std::string_view multiple_login_name(MultipleLogin behaviour);
std::optional<MultipleLogin> parse_multiple_login(std::string_view text);

// Unified CM's "Cisco Extension Mobility" service parameters: cluster-wide
// settings of the site, with defaults from the policy (EM-1, EM-2, EM-6, EM-7).
struct MobilitySettings {
  MultipleLogin multiple_login = MultipleLogin::NotAllowed;
  bool enforce_max_login_time = false;               // intra-cluster
  TimeUs max_login_time_us = 8 * kUsPerHour;         // intra-cluster
  TimeUs inter_cluster_max_login_time_us = 10 * kUsPerHour;  // always enforced
  bool remember_last_user = false;
  bool clear_call_logs = false;                      // at login
  bool headset_sign_in = true;                       // headset-based sign-in and sign-out
  TimeUs headset_sign_in_us = 30 * kUsPerSecond;     // after the headset connects
  TimeUs headset_auto_logout_us = 5 * kUsPerMinute;  // after it disconnects
  bool headset_pin_required = true;
};

struct UserMobilitySpec {
  std::string default_profile;  // empty: the user's only profile, if there is one
  std::string pin;              // empty: no PIN is asked
  std::string headset;          // serial of the user's known headset, or empty
};

// ------------------------------------------------- provisioning and licences

// Vendor numbers for provisioning, from the policy.
struct ProvisioningRules {
  int max_secondaries = 0;            // secondary soft phones per primary; 0: no limit
  int units_cup = 1;                  // licence units a user with presence (CUP) uses
  int units_cupc = 1;                 // ... with the client (CUPC) on top of CUP
  int units_softphone = 1;            // a soft phone on its own
  int units_secondary_softphone = 1;  // a soft phone under adjunct licensing
  int photo_url_max_length = 0;       // 0: no limit
  int max_contacts_limit = 0;         // the highest max_contacts allowed; 0: no limit
};

// Unified CM's Call Park: the park numbers (a "Call Park Number/Range") and
// the Call Park Reversion Timer (service parameter, 60 s by default).
struct CallParkSpec {
  std::vector<std::string> numbers;  // in the order a parked call takes the first free one
  TimeUs reversion_us = 60 * kUsPerSecond;
};

struct LicenceSpec {
  bool declared = false;  // without a `licences` section nothing is counted against a limit
  int authorised = 0;     // device licence units bought
};

// ----------------------------------------------------- directory and contacts

// One LDAP entry: attribute name -> value, sorted by name.
struct DirectoryEntry {
  std::vector<std::pair<std::string, std::string>> attributes;
  const std::string* find(std::string_view attribute) const;
};

// The known client fields of the attribute map.
const std::vector<std::string>& directory_fields();
// The attribute map a directory starts from before a scenario changes it.
std::vector<std::pair<std::string, std::string>> default_attribute_map();

struct DirectorySpec {
  // Client field (UserID, FirstName, LastName, DisplayName, Nickname,
  // BusinessPhone, Photo ...) -> LDAP attribute; Photo may instead be a URL
  // template with %%attribute%% (CUC-18). Sorted by field; an empty value
  // means "not mapped".
  std::vector<std::pair<std::string, std::string>> attribute_map = default_attribute_map();
  std::vector<DirectoryEntry> entries;
  std::optional<int> max_contacts;  // CUC-19; unset: the policy's limit
  const std::string* mapped(std::string_view field) const;
};

struct ContactSpec {
  std::string id;    // the directory UserID; empty: a contact added by hand (not in LDAP)
  std::string name;  // the name the user gave it ("Display As"), or empty
  std::string first_name;  // hand-added contacts only
  std::string last_name;
};

// ------------------------------------------------------- servers and clients

enum class ServerKind : std::uint8_t { Presence, Tftp, Ldap, Cti };
std::string_view server_kind_name(ServerKind kind);
std::optional<ServerKind> parse_server_kind(std::string_view text);

struct ServerSpec {
  std::string name;
  ServerKind kind = ServerKind::Presence;
  bool up = true;  // at the start
};

// The servers one user's client (Unified Personal Communicator) uses.
struct ClientSpec {
  bool present = false;      // the user runs the client
  bool start_at_zero = true; // started at time 0 (else by a "client-start" stimulus)
  std::string home_node;     // presence: the user's home (primary) node (CUC-13)
  std::string secondary_node;  // presence: the failover node of the subcluster
  std::string login_node;    // the node the client is pointed at; empty: the home node
  std::vector<std::string> tftp;  // primary first, then the backups in order (CUC-14)
  bool cached_config = false;     // a configuration downloaded before the run is on disk
  std::vector<std::string> ldap;  // primary, backup 1, backup 2 (CUC-15)
  std::vector<std::string> cti;   // primary first (CUC-16)
  std::string desk_phone;         // the phone it controls; empty: the user's first desk phone
};

struct UserPresenceSpec {
  bool cup = false;   // "Enable CUP": presence
  bool cupc = false;  // "Enable CUPC": the client (needs CUP's licence too)
  std::vector<ContactSpec> contacts;
  Boxed<ClientSpec> client;  // most users of a large site have none: one pointer each, not ~200 bytes
};

// Vendor timing of the client's state machines, from the policy (only the
// CTI intervals are documented; the rest are assumptions a policy may change).
struct ClientTiming {
  // Successive reconnect intervals; the last repeats (the seed: 4, 8, 16, 32, 60 s).
  std::vector<TimeUs> cti_reconnect_us = {4 * kUsPerSecond, 8 * kUsPerSecond, 16 * kUsPerSecond,
                                          32 * kUsPerSecond, 60 * kUsPerSecond};
  TimeUs tftp_timeout_us = 5 * kUsPerSecond;
  TimeUs ldap_timeout_us = 5 * kUsPerSecond;
  TimeUs ldap_search_us = 500 * kUsPerMs;
  TimeUs ldap_primary_retry_us = 5 * kUsPerMinute;
  TimeUs presence_retry_us = 30 * kUsPerSecond;
  TimeUs rehome_unavailable_us = 5 * kUsPerSecond;
};

}  // namespace pbxsim
