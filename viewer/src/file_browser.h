// The viewer's own file dialog, without ImGui: a directory's listing
// (directories first, then files, each sorted by name; hidden entries left
// out), by default only results databases (*.db), the parent directory, and
// a typed path that either changes directory or names the file to open.
// file_dialog_view.cpp draws it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pbxsim::viewer {

struct FileEntry {
  std::string name;
  bool directory = false;
  std::uintmax_t size_bytes = 0;  // files only
};

class FileBrowser {
 public:
  // Lists `start` (the working directory when empty).
  explicit FileBrowser(const std::string& start = {});

  const std::filesystem::path& directory() const { return directory_; }
  const std::vector<FileEntry>& entries() const { return entries_; }
  // Why the last change of directory failed, or empty.
  const std::string& error() const { return error_; }

  // Every file, not only *.db.
  bool all_files() const { return all_files_; }
  void set_all_files(bool all_files);

  // Lists a directory (relative to the current one); false, with error(), when it is not one.
  bool change_to(const std::string& path);
  void up();
  void refresh();
  // A typed path or a clicked entry: a directory is listed (nothing returned),
  // a file is returned as the path to open (it may not be a database: opening says so).
  std::optional<std::string> enter(const std::string& text);

 private:
  std::filesystem::path directory_;
  std::vector<FileEntry> entries_;
  std::string error_;
  bool all_files_ = false;
};

}  // namespace pbxsim::viewer
