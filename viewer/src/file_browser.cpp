#include "file_browser.h"

#include <algorithm>
#include <system_error>

namespace pbxsim::viewer {
namespace fs = std::filesystem;

FileBrowser::FileBrowser(const std::string& start) {
  std::error_code error;
  const fs::path from = start.empty() ? fs::current_path(error) : fs::path(start);
  if (!change_to(from.string())) change_to("/");
}

void FileBrowser::set_all_files(bool all_files) {
  all_files_ = all_files;
  refresh();
}

bool FileBrowser::change_to(const std::string& path) {
  std::error_code error;
  fs::path target = fs::path(path);
  if (target.is_relative()) target = directory_ / target;
  target = fs::weakly_canonical(target, error);
  if (error || !fs::is_directory(target, error)) {
    error_ = path + ": not a directory";
    return false;
  }
  directory_ = target;
  error_.clear();
  refresh();
  return true;
}

void FileBrowser::up() {
  if (directory_.has_parent_path() && directory_.parent_path() != directory_) change_to(directory_.parent_path().string());
}

void FileBrowser::refresh() {
  entries_.clear();
  std::error_code error;
  fs::directory_iterator it(directory_, fs::directory_options::skip_permission_denied, error);
  if (error) {
    error_ = directory_.string() + ": " + error.message();
    return;
  }
  for (const fs::directory_entry& entry : it) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code ignored;
    const bool directory = entry.is_directory(ignored);
    if (!directory && !all_files_ && entry.path().extension() != ".db") continue;
    entries_.push_back(FileEntry{name, directory, directory ? 0 : entry.file_size(ignored)});
  }
  // Directory iteration order is the file system's: sort for a stable listing.
  std::sort(entries_.begin(), entries_.end(), [](const FileEntry& a, const FileEntry& b) {
    return a.directory != b.directory ? a.directory : a.name < b.name;
  });
}

std::optional<std::string> FileBrowser::enter(const std::string& text) {
  if (text.empty()) return std::nullopt;
  fs::path target = fs::path(text);
  if (target.is_relative()) target = directory_ / target;
  std::error_code error;
  if (fs::is_directory(target, error)) {
    change_to(target.string());
    return std::nullopt;
  }
  if (!fs::exists(target, error)) {
    error_ = text + ": no such file or directory";
    return std::nullopt;
  }
  error_.clear();
  return target.lexically_normal().string();
}

}  // namespace pbxsim::viewer
