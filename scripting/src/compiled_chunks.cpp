#include "compiled_chunks.h"

#include <cstring>
#include <deque>
#include <string>

namespace pbxsim {
namespace {

struct CompiledChunk {
  std::string chunkname;
  std::string text;
  std::string bytecode;
};

// Per thread (the suite runs scenarios on several threads), a few chunks:
// the policies and preludes of a run, and the last scenarios.
constexpr std::size_t kChunksKept = 16;
thread_local std::deque<CompiledChunk> compiled;

int append_bytecode(lua_State*, const void* data, std::size_t size, void* out) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return 0;
}

const CompiledChunk* find(std::string_view text, const char* chunkname) {
  for (const CompiledChunk& chunk : compiled) {
    if (chunk.text.size() == text.size() && chunk.chunkname == chunkname &&
        std::memcmp(chunk.text.data(), text.data(), text.size()) == 0) {
      return &chunk;
    }
  }
  return nullptr;
}

}  // namespace

int load_text_chunk(lua_State* L, std::string_view text, const char* chunkname) {
  if (const CompiledChunk* chunk = find(text, chunkname)) {
    return luaL_loadbufferx(L, chunk->bytecode.data(), chunk->bytecode.size(), chunkname, "b");
  }
  const int status = luaL_loadbufferx(L, text.data(), text.size(), chunkname, "t");
  if (status != LUA_OK) return status;
  CompiledChunk chunk{chunkname, std::string(text), {}};
  if (lua_dump(L, append_bytecode, &chunk.bytecode, 0) != 0) return status;  // not kept; the function is loaded
  if (compiled.size() == kChunksKept) compiled.pop_front();
  compiled.push_back(std::move(chunk));
  return status;
}

}  // namespace pbxsim
