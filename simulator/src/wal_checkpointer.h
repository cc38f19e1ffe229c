// Copies the results database's WAL back into the database file on a thread
// of its own, so the writer thread spends its time on inserts. SQLite's own
// automatic checkpoint would run inside the writer's commits (a fifth of
// their time for large scenarios).
//
// The writer's commits report the WAL's size (sqlite3_wal_hook, which
// replaces the automatic checkpoint); past kCheckpointBytes this thread runs
// a PASSIVE checkpoint on its own connection, alongside further commits.
// Should the WAL still grow past kWriterCheckpointBytes (the checkpoint never
// catches up), the writer checkpoints itself, as SQLite would, so the WAL
// stays bounded. Checkpoints are crash-safe: a SIGKILL at any point leaves
// every committed scenario readable.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace pbxsim {

class WalCheckpointer {
 public:
  static constexpr std::int64_t kCheckpointBytes = 8 << 20;
  static constexpr std::int64_t kWriterCheckpointBytes = 64 << 20;

  // Hooks into `writer`'s commits; opens a second connection to `path`.
  WalCheckpointer(sqlite3* writer, const std::string& path);
  // Stops the thread and gives the writer back SQLite's automatic checkpoint.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

 private:
  static int on_commit(void* self, sqlite3* writer, const char* database, int frames);
  void work();

  sqlite3* writer_;
  sqlite3* own_ = nullptr;  // the checkpointing connection; null when it could not open
  std::int64_t page_bytes_ = 0;
  std::mutex mutex_;
  std::condition_variable wanted_;
  bool checkpoint_wanted_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace pbxsim
