#include "screenshot.h"

#include <GL/gl.h>
#include <stb/stb_image_write.h>

#include <cstdint>
#include <vector>

namespace pbxsim::viewer {

std::optional<std::string> write_framebuffer_png(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return "the window has no pixels";
  const auto row_bytes = static_cast<std::size_t>(width) * 3;
  std::vector<std::uint8_t> pixels(row_bytes * static_cast<std::size_t>(height));
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  if (const GLenum error = glGetError(); error != GL_NO_ERROR) {
    return "glReadPixels failed (GL error " + std::to_string(error) + ")";
  }
  // GL's first row is the bottom one; PNG's is the top.
  std::vector<std::uint8_t> flipped(pixels.size());
  for (int y = 0; y < height; ++y) {
    const auto from = pixels.begin() + static_cast<std::ptrdiff_t>(row_bytes * static_cast<std::size_t>(height - 1 - y));
    std::copy(from, from + static_cast<std::ptrdiff_t>(row_bytes),
              flipped.begin() + static_cast<std::ptrdiff_t>(row_bytes * static_cast<std::size_t>(y)));
  }
  if (stbi_write_png(path.c_str(), width, height, 3, flipped.data(), static_cast<int>(row_bytes)) == 0) {
    return path + ": cannot write the PNG";
  }
  return std::nullopt;
}

}  // namespace pbxsim::viewer
