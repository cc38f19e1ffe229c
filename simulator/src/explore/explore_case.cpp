// Rendering a case as a scenario file: compact (one line per line, device
// and step), because a shrunk reproducer should read at a glance.
#include "pbxsim/simulator/explore/explore_case.h"
#include "pbxsim/engine/text.h"

#include <cctype>
#include <cstdio>
#include <set>
#include <sstream>

namespace pbxsim {
namespace {

std::string time_text(TimeUs at_us) { return escaped_quoted(format_duration(at_us)); }

// Fields as `name = value`, skipping empty ones, joined with ", ".
struct Fields {
  std::vector<std::string> items;
  void add(const char* name, const std::string& value) {
    if (!value.empty()) items.push_back(std::string(name) + " = " + value);
  }
  std::string table() const {
    if (items.empty()) return "{}";
    std::string text = "{ ";
    for (std::size_t i = 0; i < items.size(); ++i) text += (i == 0 ? "" : ", ") + items[i];
    return text + " }";
  }
};

std::string render_dial_plan(const DialPlan& plan) {
  Fields fields;
  fields.add("normalize", plan.normalize ? "true" : "false");
  fields.add("keep_plus", plan.keep_plus ? "true" : "false");
  std::vector<std::string> rules;
  for (const DialRule& rule : plan.application) {
    Fields written;
    written.add("name", rule.name.empty() ? "" : escaped_quoted(rule.name));
    written.add("begins_with", rule.begins_with.empty() ? "" : escaped_quoted(rule.begins_with));
    if (rule.length > 0) written.add("length", std::to_string(rule.length));
    if (rule.remove > 0) written.add("remove", std::to_string(rule.remove));
    written.add("prefix", rule.prefix.empty() ? "" : escaped_quoted(rule.prefix));
    rules.push_back(written.table());
  }
  std::string list = "{ ";
  for (std::size_t i = 0; i < rules.size(); ++i) list += (i == 0 ? "" : ", ") + rules[i];
  fields.add("application", rules.empty() ? "{}" : list + " }");
  return fields.table();
}

std::string render_line(const CaseLine& line) {
  Fields fields;
  if (!line.cfa.empty()) fields.add("cfa", escaped_quoted(line.cfa));
  if (!line.cfb.empty()) fields.add("cfb", escaped_quoted(line.cfb));
  if (!line.cfna.empty()) fields.add("cfna", escaped_quoted(line.cfna));
  if (line.no_answer_us > 0) fields.add("no_answer", time_text(line.no_answer_us));
  if (line.max_registrations > 0) fields.add("max_registrations", std::to_string(line.max_registrations));
  if (!line.user.empty()) fields.add("user", escaped_quoted(line.user));
  return "[" + escaped_quoted(line.number) + "] = " + fields.table();
}

// A user has one soft-phone client: a second soft phone of the same owner
// would take the same derived device name (CUC-1), a configuration error, so
// only the first soft phone of a user is rendered with its owner.
std::string render_device(const CaseDevice& device, std::set<std::string>& soft_phone_owners) {
  Fields fields;
  if (!device.kind.empty()) fields.add("kind", escaped_quoted(device.kind));
  const bool second_soft_phone = device.kind == "softphone" && !device.owner.empty() &&
                                 !soft_phone_owners.insert(device.owner).second;
  if (!device.owner.empty() && !second_soft_phone) fields.add("owner", escaped_quoted(device.owner));
  std::vector<std::string> appearances;
  for (const CaseAppearance& appearance : device.lines) {
    if (appearance.max_calls == 0 && appearance.busy_trigger == 0) {
      appearances.push_back(escaped_quoted(appearance.dn));
      continue;
    }
    Fields detail;
    detail.add("dn", escaped_quoted(appearance.dn));
    if (appearance.max_calls > 0) detail.add("max_calls", std::to_string(appearance.max_calls));
    if (appearance.busy_trigger > 0) detail.add("busy_trigger", std::to_string(appearance.busy_trigger));
    appearances.push_back(detail.table());
  }
  if (!appearances.empty()) {
    Fields list;
    list.items = appearances;
    fields.add("lines", list.table());
  }
  if (!device.register_at_start || device.lifetime_us > 0) {
    if (device.register_at_start) {
      fields.add("register", time_text(device.lifetime_us));
    } else {
      Fields registration;
      registration.add("at_start", "false");
      if (device.lifetime_us > 0) registration.add("lifetime", time_text(device.lifetime_us));
      fields.add("register", registration.table());
    }
  }
  if (device.extension_mobility) fields.add("extension_mobility", "true");
  if (!device.device_name.empty()) fields.add("device_name", escaped_quoted(device.device_name));
  if (!device.primary.empty()) fields.add("primary", escaped_quoted(device.primary));
  if (!device.user_agent.empty()) fields.add("user_agent", escaped_quoted(device.user_agent));
  return device.name + " = " + fields.table();
}

// A key of a table: bare when it is a Lua name, else ["..."].
std::string table_key(const std::string& name) {
  bool bare = !name.empty() && !std::isdigit(static_cast<unsigned char>(name.front()));
  for (char c : name) bare = bare && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  return bare ? name : "[" + escaped_quoted(name) + "]";
}

std::string render_pcm_fields(const CasePcmFields& values, Fields fields = {}) {
  for (const auto& [field, value] : values) fields.add(field.c_str(), escaped_quoted(value));
  return fields.table();
}

// The pcm section, one level per line.
void render_pcm(std::ostringstream& out, const CasePcm& pcm) {
  out << "  pcm = {\n";
  out << "    system = " << render_pcm_fields(pcm.system) << ",\n";
  Fields levels;
  for (const auto& [name, domains] : pcm.service_levels) {
    Fields list;
    for (const std::string& domain : domains) list.items.push_back(escaped_quoted(domain));
    levels.items.push_back(table_key(name) + " = " + list.table());
  }
  out << "    service_levels = " << levels.table() << ",\n";
  Fields models;
  for (const auto& [name, user_agent] : pcm.gateway_models) models.items.push_back(table_key(name) + " = " + escaped_quoted(user_agent));
  out << "    gateway_models = " << models.table() << ",\n";
  if (!pcm.profiles.empty()) {
    out << "    profiles = {\n";
    for (const auto& [name, values] : pcm.profiles) out << "      " << table_key(name) << " = " << render_pcm_fields(values) << ",\n";
    out << "    },\n";
  }
  if (!pcm.business_groups.empty()) {
    out << "    business_groups = {\n";
    for (const CasePcmBusinessGroup& group : pcm.business_groups) {
      Fields fields;
      fields.add("profile", group.profile.empty() ? "" : escaped_quoted(group.profile));
      out << "      " << table_key(group.name) << " = " << render_pcm_fields(group.own, fields) << ",\n";
    }
    out << "    },\n";
  }
  out << "    lines = {\n";
  for (const CasePcmLine& line : pcm.lines) {
    Fields fields;
    fields.add("type", line.type.empty() ? "" : escaped_quoted(line.type));
    fields.add("profile", line.profile.empty() ? "" : escaped_quoted(line.profile));
    fields.add("business_group", line.business_group.empty() ? "" : escaped_quoted(line.business_group));
    fields.add("password", line.password.empty() ? "" : escaped_quoted(line.password));
    out << "      [" << escaped_quoted(line.number) << "] = " << render_pcm_fields(line.own, fields) << ",\n";
  }
  out << "    },\n  },\n";
}

std::string render_device_profile(const CaseDeviceProfile& profile) {
  Fields fields;
  fields.add("user", escaped_quoted(profile.user));
  Fields lines;
  for (const std::string& line : profile.lines) lines.items.push_back(escaped_quoted(line));
  fields.add("lines", lines.table());
  return "[" + escaped_quoted(profile.name) + "] = " + fields.table();
}

std::string render_group(const CaseGroup& group) {
  Fields fields;
  fields.add("number", escaped_quoted(group.number));
  if (!group.strategy.empty()) fields.add("strategy", escaped_quoted(group.strategy));
  if (group.member_ring_us > 0) fields.add("member_ring", time_text(group.member_ring_us));
  if (!group.overflow.empty()) fields.add("overflow", escaped_quoted(group.overflow));
  Fields members;
  for (const CaseGroupMember& member : group.members) {
    if (member.logged_in && !member.paused) {
      members.items.push_back(escaped_quoted(member.dn));
      continue;
    }
    Fields detail;
    detail.add("dn", escaped_quoted(member.dn));
    if (!member.logged_in) detail.add("logged_in", "false");
    if (member.paused) detail.add("paused", "true");
    members.items.push_back(detail.table());
  }
  fields.add("members", members.table());
  return group.name + " = " + fields.table();
}

// A trigger's time of day from the calendar's start, which is on a whole minute.
std::string render_profile(const CaseProfile& profile, TimeUs calendar_start_of_day_us) {
  Fields fields;
  if (profile.sticky) fields.add("sticky", "true");
  Fields triggers;
  for (const CaseTrigger& trigger : profile.triggers) {
    Fields detail;
    if (trigger.teams) {
      detail.add("teams", "true");
    } else {
      const TimeUs at_s = (calendar_start_of_day_us + trigger.at_us) / kUsPerSecond;
      char text[16];
      std::snprintf(text, sizeof text, "%02d:%02d:%02d", static_cast<int>(at_s / 3600 % 24), static_cast<int>(at_s / 60 % 60),
                    static_cast<int>(at_s % 60));
      detail.add("at", escaped_quoted(text));
    }
    if (trigger.leave) detail.add("leave", "true");
    triggers.items.push_back(detail.table());
  }
  if (!triggers.items.empty()) fields.add("triggers", triggers.table());
  for (const auto& [name, chain] : {std::pair{"enter", &profile.enter}, std::pair{"leave", &profile.leave}}) {
    Fields actions;
    for (const auto& [action, argument] : *chain) {
      actions.items.push_back("{ " + escaped_quoted(action) + (argument.empty() ? "" : ", " + escaped_quoted(argument)) + " }");
    }
    if (!actions.items.empty()) fields.add(name, actions.table());
  }
  return "[" + escaped_quoted(profile.name) + "] = " + fields.table();
}

std::string render_step(const CaseStep& step, const std::vector<CaseStep>& steps) {
  const std::string at = time_text(step.at_us);
  switch (step.kind) {
    case CaseStep::Kind::Call: {
      // A handle only for a call something refers to later.
      bool referred = false;
      for (const CaseStep& other : steps) {
        referred = referred || (other.kind == CaseStep::Kind::CallerHangup && other.subject == step.label);
      }
      return std::string(referred ? "local " + step.label + " = " : "") + "sim:call_at(" + at + ", " +
             escaped_quoted(step.subject) + ", " + escaped_quoted(step.value) + ")";
    }
    case CaseStep::Kind::Answer: return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"answer\")";
    case CaseStep::Kind::DeviceHangup: return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"hangup\")";
    case CaseStep::Kind::CallerHangup: return "sim:at(" + at + ", " + step.subject + ", \"hangup\")";
    case CaseStep::Kind::Dnd:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"dnd\", " + escaped_quoted(step.value) + ")";
    case CaseStep::Kind::Register:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"register\"" +
             (step.lifetime_us > 0 ? ", " + time_text(step.lifetime_us) : std::string()) + ")";
    case CaseStep::Kind::Unregister:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"unregister\"" +
             (step.value.empty() ? std::string() : ", " + escaped_quoted(step.value)) + ")";
    case CaseStep::Kind::Mode:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"mode\", " + escaped_quoted(step.value) + ")";
    case CaseStep::Kind::GroupMember:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", " + escaped_quoted(step.value) + ", " + escaped_quoted(step.member) + ")";
    case CaseStep::Kind::Profile:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"profile\", " + escaped_quoted(step.value) + ")";
    case CaseStep::Kind::Teams:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"teams\", " + escaped_quoted(step.value) + ")";
    case CaseStep::Kind::Login:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"login\", " + escaped_quoted(step.value) + ")";
    case CaseStep::Kind::Logout: return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"logout\")";
    case CaseStep::Kind::Server: return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", " + escaped_quoted(step.value) + ")";
    case CaseStep::Kind::Park: return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"park\")";
    case CaseStep::Kind::Pickup: return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"pickup\")";
    case CaseStep::Kind::ClientRestart: return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"client-restart\")";
    case CaseStep::Kind::Search:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"search\", " + escaped_quoted(step.value) + ")";
    case CaseStep::Kind::Delete: return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"delete\")";
    case CaseStep::Kind::PcmConnect: return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"pcm-connect\")";
    case CaseStep::Kind::PcmPassword:
      return "sim:at(" + at + ", " + escaped_quoted(step.subject) + ", \"pcm-password\", " + escaped_quoted(step.value) + ")";
    case CaseStep::Kind::Retrieve:
      return "sim:call_at(" + at + ", { device = " + escaped_quoted(step.subject) + ", to = " + escaped_quoted(step.value) + " })";
  }
  return {};
}

// A section on one line when short, else one entry per line.
void render_section(std::ostringstream& out, const char* name, const std::vector<std::string>& entries) {
  if (entries.empty()) return;
  std::string one_line = "  " + std::string(name) + " = { ";
  for (std::size_t i = 0; i < entries.size(); ++i) one_line += (i == 0 ? "" : ", ") + entries[i];
  one_line += " },";
  if (one_line.size() <= 100) {
    out << one_line << "\n";
    return;
  }
  out << "  " << name << " = {\n";
  for (const std::string& entry : entries) out << "    " << entry << ",\n";
  out << "  },\n";
}

}  // namespace

std::string render_scenario(const ExploreCase& c, const RenderOptions& options) {
  std::ostringstream out;
  for (const std::string& line : options.header) out << "-- " << line << "\n";
  out << "scenario " << escaped_quoted(options.scenario_name) << " {\n";
  if (!options.policy.empty()) out << "  policy = " << escaped_quoted(options.policy) << ",\n";
  if (!options.covers.empty()) {
    std::vector<std::string> covers;
    for (const std::string& id : options.covers) covers.push_back(escaped_quoted(id));
    render_section(out, "covers", covers);
  }
  if (c.hop_limit > 0) out << "  hop_limit = " << c.hop_limit << ",\n";
  if (!c.calendar.empty()) out << "  calendar = " << escaped_quoted(c.calendar) << ",\n";
  std::vector<std::string> users;
  for (const CaseUser& user : c.users) {
    Fields fields;
    if (!user.mode.empty()) fields.add("mode", escaped_quoted(user.mode));
    if (user.personal_profiles) fields.add("roles", "{ \"profile.personal\" }");
    if (user.cup) fields.add("cup", "true");
    if (user.cupc) fields.add("cupc", "true");
    Fields client;
    for (const auto& [service, servers] : {std::pair{"cti", &user.cti_servers}, std::pair{"tftp", &user.tftp_servers},
                                             std::pair{"ldap", &user.ldap_servers}}) {
      Fields list;
      for (const std::string& server : *servers) list.items.push_back(escaped_quoted(server));
      if (!list.items.empty()) client.add(service, list.table());
    }
    if (!client.items.empty()) fields.add("client", client.table());
    users.push_back(table_key(user.id) + " = " + fields.table());
  }
  render_section(out, "users", users);
  std::vector<std::string> lines;
  for (const CaseLine& line : c.lines) lines.push_back(render_line(line));
  render_section(out, "lines", lines);
  std::vector<std::string> devices;
  std::set<std::string> soft_phone_owners;
  for (const CaseDevice& device : c.devices) devices.push_back(render_device(device, soft_phone_owners));
  render_section(out, "devices", devices);
  std::vector<std::string> externals;
  for (const CaseExternal& external : c.externals) {
    externals.push_back("[" + escaped_quoted(external.number) + "] = " + escaped_quoted(external.behaviour));
  }
  render_section(out, "externals", externals);
  std::vector<std::string> groups;
  for (const CaseGroup& group : c.groups) groups.push_back(render_group(group));
  render_section(out, "groups", groups);
  std::vector<std::string> servers;
  for (const CaseServer& server : c.servers) servers.push_back(server.name + " = " + escaped_quoted(server.kind));
  render_section(out, "servers", servers);
  std::vector<std::string> profiles;
  for (const CaseProfile& profile : c.profiles) profiles.push_back(render_profile(profile, kCaseCalendarStartUs));
  render_section(out, "profiles", profiles);
  std::vector<std::string> device_profiles;
  for (const CaseDeviceProfile& profile : c.device_profiles) device_profiles.push_back(render_device_profile(profile));
  render_section(out, "device_profiles", device_profiles);
  Fields mobility;
  if (!c.multiple_login.empty()) mobility.add("multiple_login", escaped_quoted(c.multiple_login));
  if (c.enforce_max_login_time) mobility.add("enforce_max_login_time", "true");
  if (c.max_login_time_us > 0) mobility.add("max_login_time", time_text(c.max_login_time_us));
  if (!mobility.items.empty()) out << "  extension_mobility = " << mobility.table() << ",\n";
  if (!c.park_numbers.empty()) {
    Fields park;
    park.add("numbers", escaped_quoted(c.park_numbers));
    if (c.park_reversion_us > 0) park.add("reversion", time_text(c.park_reversion_us));
    out << "  call_park = " << park.table() << ",\n";
  }
  if (c.dialing) out << "  dialing = " << render_dial_plan(c.dial_plan) << ",\n";
  if (c.licences_authorised >= 0) out << "  licences = { authorised = " << c.licences_authorised << " },\n";
  if (c.pcm.present) render_pcm(out, c.pcm);
  out << "  steps = function(sim)\n";
  for (const CaseStep& step : c.steps) out << "    " << render_step(step, c.steps) << "\n";
  out << "    expect(sim:run(), " << escaped_quoted(std::string(kRunEndsCheck)) << ").is_true()\n";
  for (const std::string& line : options.extra_checks) out << "    " << line << "\n";
  out << "  end,\n}\n";
  return out.str();
}

std::string describe_size(const ExploreCase& c) {
  return std::to_string(c.users.size()) + " user(s), " + std::to_string(c.lines.size()) + " line(s), " +
         std::to_string(c.devices.size()) + " device(s), " + std::to_string(c.steps.size()) + " step(s)";
}

int count_code_lines(const std::string& text) {
  int count = 0;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
    ++count;
  }
  return count;
}

}  // namespace pbxsim
