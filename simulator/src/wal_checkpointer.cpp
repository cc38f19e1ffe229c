#include "wal_checkpointer.h"

#include <pthread.h>

#include <system_error>

namespace pbxsim {

namespace {
constexpr int kSqliteDefaultAutocheckpointPages = 1000;
}

WalCheckpointer::WalCheckpointer(sqlite3* writer, const std::string& path) : writer_(writer) {
  if (sqlite3_open_v2(path.c_str(), &own_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    sqlite3_close(own_);
    own_ = nullptr;
    return;  // the writer keeps SQLite's automatic checkpoint
  }
  sqlite3_busy_timeout(own_, 10'000);
  // A connection learns that the file is in WAL mode when it first reads it;
  // until then its checkpoints do nothing.
  if (sqlite3_exec(own_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_close(own_);
    own_ = nullptr;
    return;
  }
  sqlite3_stmt* page_size = nullptr;
  if (sqlite3_prepare_v2(writer_, "PRAGMA page_size", -1, &page_size, nullptr) == SQLITE_OK &&
      sqlite3_step(page_size) == SQLITE_ROW) {
    page_bytes_ = sqlite3_column_int64(page_size, 0);
  }
  sqlite3_finalize(page_size);
  if (page_bytes_ <= 0) page_bytes_ = 4096;
  try {
    thread_ = std::thread([this] { work(); });
  } catch (const std::system_error&) {  // no thread to be had (an address-space limit)
    sqlite3_close(own_);
    own_ = nullptr;
    return;
  }
  pthread_setname_np(thread_.native_handle(), "pbxsim-db-ckpt");
  sqlite3_wal_hook(writer_, &WalCheckpointer::on_commit, this);
}

WalCheckpointer::~WalCheckpointer() {
  if (own_ == nullptr) return;
  sqlite3_wal_autocheckpoint(writer_, kSqliteDefaultAutocheckpointPages);  // replaces our hook
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wanted_.notify_one();
  thread_.join();
  sqlite3_close(own_);
}

int WalCheckpointer::on_commit(void* self, sqlite3* writer, const char* database, int frames) {
  auto* checkpointer = static_cast<WalCheckpointer*>(self);
  const std::int64_t wal_bytes = static_cast<std::int64_t>(frames) * checkpointer->page_bytes_;
  if (wal_bytes >= kWriterCheckpointBytes) {
    sqlite3_wal_checkpoint_v2(writer, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (wal_bytes >= kCheckpointBytes) {
    {
      std::lock_guard lock(checkpointer->mutex_);
      checkpointer->checkpoint_wanted_ = true;
    }
    checkpointer->wanted_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    wanted_.wait(lock, [&] { return stopping_ || checkpoint_wanted_; });
    if (stopping_) return;
    checkpoint_wanted_ = false;
    lock.unlock();
    // A failure (busy past the timeout) only delays the copy: the next
    // commit asks again, and the writer's own checkpoint bounds the WAL.
    sqlite3_wal_checkpoint_v2(own_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
  }
}

}  // namespace pbxsim
