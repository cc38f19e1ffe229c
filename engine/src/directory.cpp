// Sections: values and photos · contacts · lookups.
#include "pbxsim/engine/directory.h"
#include "pbxsim/engine/text.h"

#include <algorithm>
#include <cctype>

#include "pbxsim/engine/pbx.h"
#include "pbxsim/engine/policy.h"

namespace pbxsim {

// ----------------------------------------------------------- values and photos

std::string expand_photo_template(std::string_view url_template, const DirectoryEntry& entry) {
  std::string url;
  std::size_t at = 0;
  while (at < url_template.size()) {
    const std::size_t open = url_template.find("%%", at);
    const std::size_t close = open == std::string_view::npos ? open : url_template.find("%%", open + 2);
    if (close == std::string_view::npos) {
      url += url_template.substr(at);
      break;
    }
    url += url_template.substr(at, open - at);
    const std::string attribute(url_template.substr(open + 2, close - open - 2));
    if (const std::string* value = entry.find(attribute)) url += *value;
    at = close + 2;
  }
  return url;
}

void Directory::init(const Topology& topology) {
  spec_ = topology.directory;
  const int limit = topology.provisioning.max_contacts_limit;
  max_contacts_ = spec_.max_contacts.value_or(limit > 0 ? limit : -1);
  for (const UserSpec& user : topology.users) contacts_.push_back(user.presence.contacts);
}

std::string Directory::value(const DirectoryEntry& entry, std::string_view field) const {
  const std::string* attribute = spec_.mapped(field);
  if (attribute == nullptr) return {};
  const std::string* found = entry.find(*attribute);
  return found != nullptr ? *found : std::string();
}

// CUC-18: a Photo mapping with %%attribute%% is a URL template; a plain
// attribute name means the photo itself is in the directory (jpegPhoto).
std::string Directory::photo(const DirectoryEntry& entry) const {
  const std::string* mapping = spec_.mapped("Photo");
  if (mapping == nullptr) return {};
  if (mapping->find("%%") != std::string::npos) return expand_photo_template(*mapping, entry);
  return entry.find(*mapping) != nullptr ? "ldap:" + *mapping : std::string();
}

// -------------------------------------------------------------------- contacts

ContactView Directory::view(const ContactSpec& contact) const {
  ContactView view{contact.id, {}, {}};
  if (contact.id.empty()) {
    const ContactFacts facts{false, contact.name, {}, {}, contact.first_name, contact.last_name, {}};
    view.name = policy_.contact_display_name(facts);
    return view;
  }
  const DirectoryEntry* found = entry(contact.id);
  if (found == nullptr) {
    view.name = contact.id;
    return view;
  }
  const std::string display = value(*found, "DisplayName");
  const std::string nickname = value(*found, "Nickname");
  const std::string first = value(*found, "FirstName");
  const std::string last = value(*found, "LastName");
  const ContactFacts facts{true, contact.name, display, nickname, first, last, contact.id};
  view.name = policy_.contact_display_name(facts);
  view.photo = photo(*found);
  return view;
}

std::vector<ContactView> Directory::contacts(UserIndex user) const {
  std::vector<ContactView> views;
  for (const ContactSpec& contact : contacts_.at(user)) views.push_back(view(contact));
  return views;
}

// CUC-19: the list never grows beyond the maximum contact list size.
bool Directory::add_contact(UserIndex user, const ContactSpec& contact) {
  std::vector<ContactSpec>& list = contacts_.at(user);
  const std::string& user_id = core_.user(user).id;
  const std::string label = contact.id.empty() ? "'" + contact.name + "'" : contact.id;
  if (!contact.id.empty() && entry(contact.id) == nullptr) {
    core_.record(TraceKind::Contact, {.about = TraceAbout::User, .user = user_id, .note = "add " + label + " refused: not in the directory"});
    return false;
  }
  if (max_contacts_ >= 0 && static_cast<int>(list.size()) >= max_contacts_) {
    core_.record(TraceKind::Contact, {.about = TraceAbout::User, .user = user_id, .note = "add " + label + " refused: the contact list is full (" + std::to_string(list.size()) + " of " +
                    std::to_string(max_contacts_) + ")"});
    return false;
  }
  const bool duplicate = !contact.id.empty() && std::any_of(list.begin(), list.end(), [&](const ContactSpec& c) {
    return c.id == contact.id;
  });
  if (duplicate) {
    core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = user_id, .note = "add " + label + ": already a contact"});
    return false;
  }
  list.push_back(contact);
  core_.record(TraceKind::Contact, {.about = TraceAbout::User, .user = user_id, .note = "added " + label + " as " + view(contact).name});
  return true;
}

bool Directory::remove_contact(UserIndex user, std::string_view id) {
  std::vector<ContactSpec>& list = contacts_.at(user);
  const std::string& user_id = core_.user(user).id;
  for (auto it = list.begin(); it != list.end(); ++it) {
    if (it->id == id || (it->id.empty() && it->name == id)) {
      list.erase(it);
      core_.record(TraceKind::Contact, {.about = TraceAbout::User, .user = user_id, .note = "removed " + std::string(id)});
      return true;
    }
  }
  core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = user_id, .note = "remove-contact: " + std::string(id) + " is not a contact"});
  return false;
}

bool Directory::rename_contact(UserIndex user, std::string_view id, std::string_view name) {
  const std::string& user_id = core_.user(user).id;
  for (ContactSpec& contact : contacts_.at(user)) {
    if (contact.id == id || (contact.id.empty() && contact.name == id)) {
      contact.name = std::string(name);
      core_.record(TraceKind::Contact, {.about = TraceAbout::User, .user = user_id, .note = "renamed " + std::string(id) + " to " + view(contact).name});
      return true;
    }
  }
  core_.record(TraceKind::Ignored, {.about = TraceAbout::User, .user = user_id, .note = "rename-contact: " + std::string(id) + " is not a contact"});
  return false;
}

// --------------------------------------------------------------------- lookups

const DirectoryEntry* Directory::entry(std::string_view user_id) const {
  const std::string* attribute = spec_.mapped("UserID");
  if (attribute == nullptr) return nullptr;
  for (const DirectoryEntry& candidate : spec_.entries) {
    const std::string* id = candidate.find(*attribute);
    if (id != nullptr && *id == user_id) return &candidate;
  }
  return nullptr;
}

std::optional<std::string> Directory::name_for_number(std::string_view number) const {
  if (number.empty()) return std::nullopt;
  for (const char* field : {"BusinessPhone", "MobilePhone", "HomePhone"}) {
    for (const DirectoryEntry& candidate : spec_.entries) {
      if (value(candidate, field) != number) continue;
      return view(ContactSpec{value(candidate, "UserID"), {}, {}, {}}).name;
    }
  }
  return std::nullopt;
}

std::vector<std::string> Directory::search(std::string_view query) const {
  const std::string needle = lower(query);
  std::vector<std::string> found;
  for (const DirectoryEntry& candidate : spec_.entries) {
    bool match = false;
    for (const char* field : {"UserID", "FirstName", "LastName", "DisplayName", "Nickname"}) {
      match = match || lower(value(candidate, field)).find(needle) != std::string::npos;
    }
    if (match) found.push_back(value(candidate, "UserID"));
  }
  return found;
}

}  // namespace pbxsim
