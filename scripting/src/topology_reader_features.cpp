// Reading the feature sections of a scenario (and their defaults in a
// policy table): extension mobility, device profiles, Cisco provisioning,
// dialing, the directory and contacts, servers and clients.
//
// Sections: small readers · phone settings · extension mobility · dialing ·
// directory and contacts · servers and clients · users and devices · the
// scenario's sections · the policy's settings.
#include <algorithm>

#include "pbxsim/engine/time_messages.h"
#include "sandbox_internals.h"
#include "pbxsim/scripting/lua_policy.h"
#include "topology_reading.h"

namespace pbxsim::topology_reading {
namespace {

// ---------------------------------------------------------------- small readers

void set_duration(lua_State* L, int index, const char* field, const std::string& path, TimeUs& target,
                  bool allow_zero = false) {
  if (auto value = opt_duration(L, index, field, path)) {
    if (*value < 0 || (*value == 0 && !allow_zero)) fail(field_path(path, field), "must be longer than 0s");
    target = *value;
  }
}

void set_bool(lua_State* L, int index, const char* field, const std::string& path, bool& target) {
  if (auto value = opt_bool(L, index, field, path)) target = *value;
}

void set_count(lua_State* L, int index, const char* field, const std::string& path, int& target) {
  if (auto value = opt_int(L, index, field, path, kIntRange)) {
    if (*value < 0) fail(field_path(path, field), "cannot be negative");
    target = *value;
  }
}

// --------------------------------------------------------------- phone settings

void read_phone_config(lua_State* L, int index, const std::string& path, PhoneConfig& config) {
  if (auto text = opt_string(L, index, "button_template", path)) config.button_template = *text;
  config.speed_dials = opt_string_list(L, index, "speed_dials", path).value_or(std::vector<std::string>{});
  config.services = opt_string_list(L, index, "services", path).value_or(std::vector<std::string>{});
  if (auto restriction = opt_string(L, index, "restriction", path)) {
    auto parsed = parse_calling_restriction(*restriction);
    if (!parsed) fail(path + ".restriction", "unknown calling restriction '" + *restriction + "' (none or internal)");
    config.restriction = *parsed;
  }
  const int settings = push_table(L, index, "settings", path, "{ user_locale = \"English\" }");
  if (settings == 0) return;
  for (const std::string& key : sorted_key_names(L, settings, path + ".settings")) {
    push_entry(L, settings, key);
    auto text = scalar_text(L, -1);
    if (!text) fail(path + ".settings." + key, "expected a string, number or boolean, got " + type_name(L, -1));
    config.settings.emplace_back(key, *text);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

// ----------------------------------------------------------- extension mobility

void read_mobility_settings(lua_State* L, int index, const std::string& path, MobilitySettings& settings) {
  check_known_fields(L, index, path,
                     {"multiple_login", "enforce_max_login_time", "max_login_time", "inter_cluster_max_login_time",
                      "remember_last_user", "clear_call_logs", "headset_sign_in", "headset_sign_in_timer",
                      "headset_auto_logout", "headset_pin_required"});
  if (auto text = opt_string(L, index, "multiple_login", path)) {
    auto parsed = parse_multiple_login(*text);
    if (!parsed) fail(path + ".multiple_login", "unknown behaviour '" + *text + "' (allowed, not-allowed or auto-logout)");
    settings.multiple_login = *parsed;
  }
  set_bool(L, index, "enforce_max_login_time", path, settings.enforce_max_login_time);
  set_duration(L, index, "max_login_time", path, settings.max_login_time_us);
  set_duration(L, index, "inter_cluster_max_login_time", path, settings.inter_cluster_max_login_time_us);
  set_bool(L, index, "remember_last_user", path, settings.remember_last_user);
  set_bool(L, index, "clear_call_logs", path, settings.clear_call_logs);
  set_bool(L, index, "headset_sign_in", path, settings.headset_sign_in);
  set_duration(L, index, "headset_sign_in_timer", path, settings.headset_sign_in_us, true);
  set_duration(L, index, "headset_auto_logout", path, settings.headset_auto_logout_us, true);
  set_bool(L, index, "headset_pin_required", path, settings.headset_pin_required);
}

void read_device_profiles(lua_State* L, int index, const PolicyDefaults& defaults, Topology& topology) {
  for (const std::string& key : sorted_key_names(L, index, "device_profiles")) {
    const std::string path = "device_profiles." + key;
    push_entry(L, index, key);
    if (!lua_istable(L, -1)) fail(path, "expected a table such as { user = \"jdoe\", lines = { \"3001\" } }");
    const int profile_index = lua_gettop(L);
    check_known_fields(L, profile_index, path,
                       {"user", "model", "lines", "button_template", "speed_dials", "services", "settings",
                        "restriction"});
    DeviceProfileSpec profile;
    profile.name = key;
    profile.user = opt_string(L, profile_index, "user", path).value_or("");
    profile.model = opt_string(L, profile_index, "model", path, "a string", true).value_or("");
    DeviceSpec lines_holder;
    read_appearances(L, profile_index, path, defaults, lines_holder);
    profile.appearances = std::move(lines_holder.appearances);
    read_phone_config(L, profile_index, path, profile.config);
    lua_pop(L, 1);
    topology.device_profiles.push_back(std::move(profile));
  }
}

// ----------------------------------------------------------------------- dialing

std::vector<DialRule> read_rules(lua_State* L, int index, const char* field, const std::string& path) {
  std::vector<DialRule> rules;
  const int list = push_table(L, index, field, path, "{ { length = 7, prefix = \"9\" } }");
  if (list == 0) return rules;
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, list));
  for (lua_Integer i = 1; i <= count; ++i) {
    const std::string rule_path = path + "." + field + "[" + std::to_string(i) + "]";
    lua_rawgeti(L, list, i);
    if (!lua_istable(L, -1)) fail(rule_path, "expected { begins_with = ..., length = ..., remove = ..., prefix = ... }");
    check_known_fields(L, -1, rule_path, {"name", "begins_with", "length", "remove", "prefix"});
    DialRule rule;
    rule.name = opt_string(L, -1, "name", rule_path).value_or("");
    rule.begins_with = opt_string(L, -1, "begins_with", rule_path, "digits", true).value_or("");
    rule.length = opt_int(L, -1, "length", rule_path, kIntRange).value_or(0);
    rule.remove = opt_int(L, -1, "remove", rule_path, kIntRange).value_or(0);
    rule.prefix = opt_string(L, -1, "prefix", rule_path, "digits", true).value_or("");
    rules.push_back(std::move(rule));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return rules;
}

void read_dialing(lua_State* L, int index, DialPlan& plan) {
  const std::string path = "dialing";
  check_known_fields(L, index, path, {"normalize", "keep_plus", "application", "directory_lookup"});
  set_bool(L, index, "normalize", path, plan.normalize);
  set_bool(L, index, "keep_plus", path, plan.keep_plus);
  plan.application = read_rules(L, index, "application", path);
  plan.directory_lookup = read_rules(L, index, "directory_lookup", path);
}

// ------------------------------------------------------- directory and contacts

void read_directory(lua_State* L, int index, DirectorySpec& directory) {
  const std::string path = "directory";
  check_known_fields(L, index, path, {"attribute_map", "entries", "max_contacts"});
  if (const int map = push_table(L, index, "attribute_map", path, "{ DisplayName = \"displayName\" }")) {
    for (const std::string& field : sorted_key_names(L, map, path + ".attribute_map")) {
      push_entry(L, map, field);
      std::string attribute;
      if (lua_type(L, -1) == LUA_TSTRING) attribute = lua_tostring(L, -1);
      else if (!(lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1))) {
        fail(path + ".attribute_map." + field, "expected an LDAP attribute name, or false to unmap the field");
      }
      lua_pop(L, 1);
      auto existing = std::find_if(directory.attribute_map.begin(), directory.attribute_map.end(),
                                   [&](const auto& pair) { return pair.first == field; });
      if (existing != directory.attribute_map.end()) existing->second = attribute;
      else directory.attribute_map.emplace_back(field, attribute);
    }
    std::sort(directory.attribute_map.begin(), directory.attribute_map.end());
    lua_pop(L, 1);
  }
  if (const int entries = push_table(L, index, "entries", path, "{ { uid = \"jdoe\", givenName = \"John\" } }")) {
    const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, entries));
    for (lua_Integer i = 1; i <= count; ++i) {
      const std::string entry_path = path + ".entries[" + std::to_string(i) + "]";
      lua_rawgeti(L, entries, i);
      if (!lua_istable(L, -1)) fail(entry_path, "expected a table of LDAP attributes");
      DirectoryEntry entry;
      for (const std::string& attribute : sorted_key_names(L, -1, entry_path)) {
        push_entry(L, -1, attribute);
        auto text = scalar_text(L, -1);
        if (!text) fail(entry_path + "." + attribute, "expected a string, got " + type_name(L, -1));
        entry.attributes.emplace_back(attribute, *text);
        lua_pop(L, 1);
      }
      directory.entries.push_back(std::move(entry));
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  if (auto max = opt_int(L, index, "max_contacts", path, kIntRange)) directory.max_contacts = *max;
}

void read_contacts(lua_State* L, int index, const std::string& path, UserPresenceSpec& presence) {
  const int list = push_table(L, index, "contacts", path, "{ \"jdoe\", { id = \"asmith\", name = \"Ann\" } }");
  if (list == 0) return;
  const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, list));
  for (lua_Integer i = 1; i <= count; ++i) {
    const std::string item_path = path + ".contacts[" + std::to_string(i) + "]";
    lua_rawgeti(L, list, i);
    ContactSpec contact;
    if (lua_type(L, -1) == LUA_TSTRING) {
      contact.id = lua_tostring(L, -1);
    } else if (lua_istable(L, -1)) {
      check_known_fields(L, -1, item_path, {"id", "name", "first", "last"});
      contact.id = opt_string(L, -1, "id", item_path).value_or("");
      contact.name = opt_string(L, -1, "name", item_path).value_or("");
      contact.first_name = opt_string(L, -1, "first", item_path).value_or("");
      contact.last_name = opt_string(L, -1, "last", item_path).value_or("");
    } else {
      fail(item_path, "expected a directory user ID or { id = ..., name = ... }, got " + type_name(L, -1));
    }
    presence.contacts.push_back(std::move(contact));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

// --------------------------------------------------------- servers and clients

void read_servers(lua_State* L, int index, Topology& topology) {
  for (const std::string& key : sorted_key_names(L, index, "servers")) {
    const std::string path = "servers." + key;
    push_entry(L, index, key);
    ServerSpec server;
    server.name = key;
    std::optional<std::string> kind;
    if (lua_type(L, -1) == LUA_TSTRING) {
      kind = lua_tostring(L, -1);
    } else if (lua_istable(L, -1)) {
      check_known_fields(L, -1, path, {"kind", "up"});
      kind = opt_string(L, -1, "kind", path);
      set_bool(L, -1, "up", path, server.up);
    }
    if (!kind) fail(path, "expected a kind (\"presence\", \"tftp\", \"ldap\", \"cti\") or { kind = ..., up = false }");
    auto parsed = parse_server_kind(*kind);
    if (!parsed) fail(path, "unknown server kind '" + *kind + "' (presence, tftp, ldap or cti)");
    server.kind = *parsed;
    lua_pop(L, 1);
    topology.servers.push_back(std::move(server));
  }
}

void read_client(lua_State* L, int index, const std::string& user_path, Boxed<ClientSpec>& boxed) {
  const int table = push_table(L, index, "client", user_path, "{ cti = { \"cti1\", \"cti2\" } }");
  if (table == 0) return;
  ClientSpec& client = boxed.edit();
  const std::string path = user_path + ".client";
  check_known_fields(L, table, path,
                     {"home", "secondary", "login", "tftp", "cached_config", "ldap", "cti", "desk_phone", "start"});
  client.present = true;
  client.home_node = opt_string(L, table, "home", path).value_or("");
  client.secondary_node = opt_string(L, table, "secondary", path).value_or("");
  client.login_node = opt_string(L, table, "login", path).value_or("");
  client.tftp = opt_string_list(L, table, "tftp", path).value_or(std::vector<std::string>{});
  set_bool(L, table, "cached_config", path, client.cached_config);
  client.ldap = opt_string_list(L, table, "ldap", path).value_or(std::vector<std::string>{});
  client.cti = opt_string_list(L, table, "cti", path).value_or(std::vector<std::string>{});
  client.desk_phone = opt_string(L, table, "desk_phone", path).value_or("");
  set_bool(L, table, "start", path, client.start_at_zero);
  lua_pop(L, 1);
}

void read_client_timing(lua_State* L, int index, const std::string& path, ClientTiming& timing) {
  check_known_fields(L, index, path,
                     {"cti_reconnect", "tftp_timeout", "ldap_timeout", "ldap_search", "ldap_primary_retry",
                      "presence_retry", "rehome_unavailable"});
  if (const int list = push_table(L, index, "cti_reconnect", path, "{ \"4s\", \"8s\", \"16s\", \"32s\", \"60s\" }")) {
    timing.cti_reconnect_us.clear();
    const lua_Integer count = static_cast<lua_Integer>(lua_rawlen(L, list));
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(L, list, i);
      const std::string item = path + ".cti_reconnect[" + std::to_string(i) + "]";
      std::string why;
      std::optional<TimeUs> interval;
      if (lua_type(L, -1) == LUA_TSTRING) interval = parse_duration(lua_tostring(L, -1), &why);
      else if (lua_type(L, -1) == LUA_TNUMBER && lua_isinteger(L, -1)) why = unitless_time_message(lua_tointeger(L, -1));
      else why = "expected a time such as \"4s\"";
      if (!interval) fail(item, why);
      if (*interval <= 0) fail(item, "must be longer than 0s");
      timing.cti_reconnect_us.push_back(*interval);
      lua_pop(L, 1);
    }
    if (timing.cti_reconnect_us.empty()) fail(path + ".cti_reconnect", "needs at least one interval");
    lua_pop(L, 1);
  }
  set_duration(L, index, "tftp_timeout", path, timing.tftp_timeout_us);
  set_duration(L, index, "ldap_timeout", path, timing.ldap_timeout_us);
  set_duration(L, index, "ldap_search", path, timing.ldap_search_us);
  set_duration(L, index, "ldap_primary_retry", path, timing.ldap_primary_retry_us);
  set_duration(L, index, "presence_retry", path, timing.presence_retry_us);
  set_duration(L, index, "rehome_unavailable", path, timing.rehome_unavailable_us, true);
}

// call_park = { numbers = "701-705" (a range) or { "701", "702" }, reversion = "60s" }
void read_call_park(lua_State* L, int index, const std::string& path, CallParkSpec& park, bool numbers_allowed) {
  if (numbers_allowed) check_known_fields(L, index, path, {"numbers", "reversion"});
  else check_known_fields(L, index, path, {"reversion"});
  set_duration(L, index, "reversion", path, park.reversion_us);
  if (!numbers_allowed) return;
  std::vector<std::string> numbers = opt_string_list(L, index, "numbers", path).value_or(std::vector<std::string>{});
  // One item with a dash is a range of numbers of one length: "701-705".
  if (numbers.size() == 1 && numbers.front().find('-') != std::string::npos) {
    const std::string range = numbers.front();
    const std::size_t dash = range.find('-');
    const std::string first = range.substr(0, dash);
    const std::string last = range.substr(dash + 1);
    const bool digits = !first.empty() && first.size() == last.size() && first.size() <= 9 &&
                        first.find_first_not_of("0123456789") == std::string::npos &&
                        last.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stol(first) > std::stol(last)) {
      fail(path + ".numbers", "'" + range + "' is not a range: write \"701-705\" (first-last, digits of one length)");
    }
    constexpr long kMostParkNumbers = 10'000;
    if (std::stol(last) - std::stol(first) >= kMostParkNumbers) {
      fail(path + ".numbers", "'" + range + "' holds more than 10000 park numbers");
    }
    numbers.clear();
    for (long n = std::stol(first); n <= std::stol(last); ++n) {
      std::string number = std::to_string(n);
      numbers.push_back(std::string(first.size() - number.size(), '0') + number);
    }
  }
  park.numbers = std::move(numbers);
}

void read_provisioning_rules(lua_State* L, int index, const std::string& path, ProvisioningRules& rules) {
  check_known_fields(L, index, path, {"max_secondaries", "licence_units", "photo_url_max_length", "max_contacts_limit"});
  set_count(L, index, "max_secondaries", path, rules.max_secondaries);
  set_count(L, index, "photo_url_max_length", path, rules.photo_url_max_length);
  set_count(L, index, "max_contacts_limit", path, rules.max_contacts_limit);
  if (const int units = push_table(L, index, "licence_units", path, "{ softphone = 3 }")) {
    const std::string units_path = path + ".licence_units";
    check_known_fields(L, units, units_path, {"cup", "cupc", "softphone", "secondary_softphone"});
    set_count(L, units, "cup", units_path, rules.units_cup);
    set_count(L, units, "cupc", units_path, rules.units_cupc);
    set_count(L, units, "softphone", units_path, rules.units_softphone);
    set_count(L, units, "secondary_softphone", units_path, rules.units_secondary_softphone);
    lua_pop(L, 1);
  }
}

}  // namespace

// ----------------------------------------------------------- users and devices

void read_user_features(lua_State* L, int user_index, const std::string& path, UserSpec& user) {
  UserMobilitySpec mobility;
  mobility.default_profile = opt_string(L, user_index, "default_profile", path).value_or("");
  mobility.pin = opt_string(L, user_index, "pin", path, "a string", true).value_or("");
  mobility.headset = opt_string(L, user_index, "headset", path).value_or("");
  if (!mobility.default_profile.empty() || !mobility.pin.empty() || !mobility.headset.empty()) {
    user.mobility.edit() = std::move(mobility);
  }
  set_bool(L, user_index, "cup", path, user.presence.cup);
  set_bool(L, user_index, "cupc", path, user.presence.cupc);
  read_contacts(L, user_index, path, user.presence);
  read_client(L, user_index, path, user.presence.client);
}

void read_device_features(lua_State* L, int device_index, const std::string& path, DeviceSpec& device) {
  device.model = opt_string(L, device_index, "model", path, "a string", true).value_or("");
  set_bool(L, device_index, "extension_mobility", path, device.extension_mobility);
  PhoneConfig config;
  read_phone_config(L, device_index, path, config);
  if (!(config == PhoneConfig{})) device.config.edit() = std::move(config);
  device.device_name = opt_string(L, device_index, "device_name", path).value_or("");
  device.primary = opt_string(L, device_index, "primary", path).value_or("");
}

// -------------------------------------------------------- the scenario's sections

void read_feature_sections(lua_State* L, int scenario_index, const PolicyDefaults& defaults, Topology& topology) {
  if (const int table = push_table(L, scenario_index, "device_profiles", "", "{ jdoe = { user = \"jdoe\" } }")) {
    read_device_profiles(L, table, defaults, topology);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, scenario_index, "extension_mobility", "", "{ multiple_login = \"auto-logout\" }")) {
    read_mobility_settings(L, table, "extension_mobility", topology.extension_mobility);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, scenario_index, "dialing", "", "{ application = { ... } }")) {
    read_dialing(L, table, topology.dialing);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, scenario_index, "licences", "", "{ authorised = 10 }")) {
    check_known_fields(L, table, "licences", {"authorised"});
    topology.licences.declared = true;
    const std::optional<int> authorised = opt_int(L, table, "authorised", "licences", kIntRange);
    if (!authorised) fail("licences", "needs authorised = <device licence units>");
    topology.licences.authorised = *authorised;
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, scenario_index, "directory", "", "{ entries = { ... } }")) {
    read_directory(L, table, topology.directory);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, scenario_index, "servers", "", "{ cti1 = \"cti\" }")) {
    read_servers(L, table, topology);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, scenario_index, "client_timing", "", "{ tftp_timeout = \"5s\" }")) {
    read_client_timing(L, table, "client_timing", topology.client_timing);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, scenario_index, "call_park", "", "{ numbers = \"701-705\" }")) {
    read_call_park(L, table, "call_park", topology.call_park, true);
    lua_pop(L, 1);
  }
}

// ---------------------------------------------------------- the policy's settings

void read_policy_feature_settings(lua_State* L, int policy_index, PolicyDefaults& defaults) {
  if (const int table = push_table(L, policy_index, "extension_mobility", "", "{ multiple_login = \"auto-logout\" }")) {
    read_mobility_settings(L, table, "extension_mobility", defaults.extension_mobility);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, policy_index, "dialing", "", "{ normalize = true }")) {
    check_known_fields(L, table, "dialing", {"normalize", "keep_plus"});
    set_bool(L, table, "normalize", "dialing", defaults.dial_normalize);
    set_bool(L, table, "keep_plus", "dialing", defaults.dial_keep_plus);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, policy_index, "provisioning", "", "{ max_secondaries = 2 }")) {
    read_provisioning_rules(L, table, "provisioning", defaults.provisioning);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, policy_index, "client_timing", "", "{ tftp_timeout = \"5s\" }")) {
    read_client_timing(L, table, "client_timing", defaults.client_timing);
    lua_pop(L, 1);
  }
  if (const int table = push_table(L, policy_index, "call_park", "", "{ reversion = \"60s\" }")) {
    read_call_park(L, table, "call_park", defaults.call_park, false);  // the numbers are the site's
    lua_pop(L, 1);
  }
}

}  // namespace pbxsim::topology_reading
