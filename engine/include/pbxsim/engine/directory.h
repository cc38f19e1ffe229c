// The LDAP directory as the client sees it, and each user's contact list:
// entries mapped through the attribute map, the name a contact is shown
// under (the policy decides, CUC-17), photo URLs from a %%attribute%%
// template (CUC-18), and the maximum contact list size (CUC-19). Also the
// lookup of a caller's name by number after the directory lookup rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pbxsim/engine/ids.h"
#include "pbxsim/engine/topology.h"

namespace pbxsim {

class FeatureContext;
class Policy;

struct ContactView {
  std::string id;     // directory UserID, empty for a contact added by hand
  std::string name;   // as displayed
  std::string photo;  // a URL, "ldap:<attribute>", or empty
};

// `%%attr%%` replaced by the entry's value of attr (empty when it has none).
std::string expand_photo_template(std::string_view url_template, const DirectoryEntry& entry);

class Directory {
 public:
  Directory(FeatureContext& core, Policy& policy) : core_(core), policy_(policy) {}
  void init(const Topology& topology);

  std::vector<ContactView> contacts(UserIndex user) const;
  ContactView view(const ContactSpec& contact) const;
  // Refused (false, traced) when the list is full or the contact unknown.
  bool add_contact(UserIndex user, const ContactSpec& contact);
  bool remove_contact(UserIndex user, std::string_view id);
  bool rename_contact(UserIndex user, std::string_view id, std::string_view name);
  int max_contacts() const { return max_contacts_; }  // -1: no limit

  const DirectoryEntry* entry(std::string_view user_id) const;
  std::string photo(const DirectoryEntry& entry) const;
  // The displayed name of the entry whose phone number is `number`, if any.
  std::optional<std::string> name_for_number(std::string_view number) const;
  bool has_entries() const { return !spec_.entries.empty(); }
  // UserIDs of the entries whose names or ID contain `query` (not case-sensitive).
  std::vector<std::string> search(std::string_view query) const;

 private:
  std::string value(const DirectoryEntry& entry, std::string_view field) const;

  FeatureContext& core_;
  Policy& policy_;
  DirectorySpec spec_;
  int max_contacts_ = -1;
  IndexedVector<UserIndex, std::vector<ContactSpec>> contacts_;
};

}  // namespace pbxsim
