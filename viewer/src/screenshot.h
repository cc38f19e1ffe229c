// Reading back what was rendered and writing it as a PNG (stb_image_write,
// from Debian's libstb).
#pragma once

#include <optional>
#include <string>

namespace pbxsim::viewer {

// Reads the current GL framebuffer (width x height, RGB) and writes it to
// `path`, top row first. Returns why it failed, or nothing.
std::optional<std::string> write_framebuffer_png(const std::string& path, int width, int height);

}  // namespace pbxsim::viewer
