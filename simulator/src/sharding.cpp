#include "pbxsim/simulator/sharding.h"

#include <charconv>
#include <cstdint>
#include <cstdlib>

namespace pbxsim {
namespace {

std::optional<int> parse_positive(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Shard> parse_shard(std::string_view text, std::string* error) {
  const std::size_t slash = text.find('/');
  const auto index = slash == std::string_view::npos ? std::nullopt : parse_positive(text.substr(0, slash));
  const auto count = slash == std::string_view::npos ? std::nullopt : parse_positive(text.substr(slash + 1));
  if (!index || !count) {
    if (error) *error = "'" + std::string(text) + "' is not K/N (for example 2/3: the second of three shards)";
    return std::nullopt;
  }
  if (*index > *count) {
    if (error) *error = "shard " + std::string(text) + ": K must be between 1 and N";
    return std::nullopt;
  }
  return Shard{*index, *count};
}

int shard_of(std::string_view file, int count) {
  // FNV-1a: fixed by this code, unlike std::hash, so every machine and every
  // pbxsim build agrees on the split.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : file) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return static_cast<int>(hash % static_cast<std::uint64_t>(count)) + 1;
}

int shard_of_seed(std::uint64_t seed, int count) { return shard_of(std::to_string(seed), count); }

Environment process_environment() {
  return [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::optional<Shard> resolve_shard(std::string_view text, const Environment& environment, std::string* error) {
  if (text != "auto" && !text.starts_with("auto/")) return parse_shard(text, error);
  auto fail = [&](const std::string& message) -> std::optional<Shard> {
    if (error) *error = message;
    return std::nullopt;
  };
  std::optional<int> given_total;
  if (text.starts_with("auto/")) {
    given_total = parse_positive(text.substr(5));
    if (!given_total) return fail("'" + std::string(text) + "': the N of auto/N must be a whole number of at least 1");
  }
  if (const auto explicit_shard = environment("PBXSIM_SHARD")) {
    std::string why;
    const auto shard = parse_shard(*explicit_shard, &why);
    if (!shard) return fail("PBXSIM_SHARD: " + why);
    return shard;
  }
  const auto gitlab_index = environment("CI_NODE_INDEX");
  const auto gitlab_total = environment("CI_NODE_TOTAL");
  if (gitlab_index && gitlab_total) {
    std::string why;
    const auto shard = parse_shard(*gitlab_index + "/" + *gitlab_total, &why);
    if (!shard) return fail("CI_NODE_INDEX/CI_NODE_TOTAL: " + why);
    return shard;
  }
  if (const auto kubernetes_index = environment("JOB_COMPLETION_INDEX")) {
    if (!given_total) {
      return fail("JOB_COMPLETION_INDEX is set but the job's size is not: write --shard auto/N (N = the Job's completions)");
    }
    int index = -1;
    const char* end = kubernetes_index->data() + kubernetes_index->size();
    const auto [stop, code] = std::from_chars(kubernetes_index->data(), end, index);
    if (code != std::errc() || stop != end || index < 0 || index >= *given_total) {
      return fail("JOB_COMPLETION_INDEX '" + *kubernetes_index + "' is not between 0 and " +
                  std::to_string(*given_total - 1));
    }
    return Shard{index + 1, *given_total};
  }
  return fail("auto: none of PBXSIM_SHARD, CI_NODE_INDEX/CI_NODE_TOTAL (GitLab) or JOB_COMPLETION_INDEX "
              "(Kubernetes Indexed Job, with auto/N) is set");
}

}  // namespace pbxsim
