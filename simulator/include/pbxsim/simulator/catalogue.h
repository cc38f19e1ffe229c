// The behaviour catalogue (catalogue/behaviours.md, a copy of the shared
// spec kept in step by a test, then catalogue/extra.md: further vendors'
// behaviours with IDs of their own), compiled in so `coverage` needs no files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pbxsim {

struct CatalogueEntry {
  std::string id;       // "CUC-5"
  std::string section;  // "CUC — Cisco Unified Personal Communicator ..."
  std::string text;
};

const std::vector<CatalogueEntry>& catalogue();
bool in_catalogue(std::string_view id);
std::string_view catalogue_markdown();  // behaviours.md alone, as the shared spec has it

// Parses the Markdown tables: rows whose first cell is an ID like "PAS-6".
std::vector<CatalogueEntry> parse_catalogue(std::string_view markdown);

}  // namespace pbxsim
