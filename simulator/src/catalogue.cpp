#include "pbxsim/simulator/catalogue.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace pbxsim {
namespace embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& catalogue_files();
}

namespace {

std::string trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

bool looks_like_id(std::string_view cell) {
  const std::size_t dash = cell.find('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 >= cell.size()) return false;
  for (std::size_t i = 0; i < dash; ++i) {
    if (!std::isupper(static_cast<unsigned char>(cell[i]))) return false;
  }
  for (std::size_t i = dash + 1; i < cell.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(cell[i]))) return false;
  }
  return true;
}

}  // namespace

std::vector<CatalogueEntry> parse_catalogue(std::string_view markdown) {
  std::vector<CatalogueEntry> entries;
  std::string section;
  std::size_t start = 0;
  while (start < markdown.size()) {
    std::size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    const std::string_view line = markdown.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("## ")) {
      section = trim(line.substr(3));
      continue;
    }
    if (!line.starts_with("|")) continue;
    const std::size_t second_bar = line.find('|', 1);
    if (second_bar == std::string_view::npos) continue;
    const std::string id = trim(line.substr(1, second_bar - 1));
    if (!looks_like_id(id)) continue;
    std::string_view text = line.substr(second_bar + 1);
    if (text.ends_with("|")) text.remove_suffix(1);
    entries.push_back(CatalogueEntry{id, section, trim(text)});
  }
  return entries;
}

std::string_view catalogue_markdown() { return embedded::catalogue_files().front().second; }

// The seeds' catalogue first, then the further vendors' (catalogue/extra.md).
const std::vector<CatalogueEntry>& catalogue() {
  static const std::vector<CatalogueEntry> entries = [] {
    std::vector<CatalogueEntry> all;
    for (const auto& [path, markdown] : embedded::catalogue_files()) {
      std::vector<CatalogueEntry> file = parse_catalogue(markdown);
      all.insert(all.end(), std::make_move_iterator(file.begin()), std::make_move_iterator(file.end()));
    }
    return all;
  }();
  return entries;
}

bool in_catalogue(std::string_view id) {
  const auto& entries = catalogue();
  return std::any_of(entries.begin(), entries.end(), [&](const CatalogueEntry& entry) { return entry.id == id; });
}

}  // namespace pbxsim
