// read_script_file(): every scenario, policy and workload file is read here.
// A FIFO would block the open for ever and /dev/zero never ends, so only
// regular files are read, and only up to a size limit.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "pbxsim/scripting/sandbox.h"

namespace pbxsim {

std::variant<std::string, ScriptError> read_script_file(const std::string& path) {
  auto error = [&](std::string message) { return ScriptError{ScriptError::Kind::Config, path, 0, std::move(message)}; };
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ELOOP) return error("a loop of symbolic links");
    return error("cannot open the file (does it exist?)");
  }
  if (!S_ISREG(info.st_mode)) {
    return error("not a regular file (a folder, FIFO or device cannot be read as a script)");
  }
  if (static_cast<std::uint64_t>(info.st_size) > kMaxScriptFileBytes) {
    return error("the file is larger than " + std::to_string(kMaxScriptFileBytes >> 20) +
                 " MiB, the limit for a script (generate large topologies with Lua loops instead)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return error(std::string("cannot open the file: ") + std::strerror(errno));
  std::string text;
  text.resize(static_cast<std::size_t>(info.st_size));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  // The file may have grown since stat(): read what is left, up to the limit.
  char extra[4096];
  while (in.read(extra, sizeof extra) || in.gcount() > 0) {
    text.append(extra, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxScriptFileBytes) {
      return error("the file is larger than " + std::to_string(kMaxScriptFileBytes >> 20) + " MiB, the limit for a script");
    }
  }
  return text;
}

}  // namespace pbxsim
