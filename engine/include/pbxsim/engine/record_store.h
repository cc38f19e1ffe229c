// Records by id (1, 2, 3 ... in the order they were added) in fixed chunks
// that never move, so a reference to a record stays valid while more are
// added. A record can be retired: it is destroyed, and a chunk whose records
// have all retired is given back for the chunks to come. A run that retires
// its calls as they end (the bench, through Pbx::forget_ended_calls) so holds
// the calls in progress, a few chunks, instead of a million records written
// once each in fresh memory.
#pragma once

#include <bitset>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <vector>

namespace pbxsim {

template <typename Record, std::size_t kChunkRecords = 256>
class RecordStore {
 public:
  using Id = std::uint32_t;

  RecordStore() = default;
  ~RecordStore() {
    for (std::unique_ptr<Chunk>& chunk : chunks_) {
      if (chunk) chunk->destroy_all();
    }
  }
  RecordStore(const RecordStore&) = delete;
  RecordStore& operator=(const RecordStore&) = delete;

  // A new record, made in place; its id is size() afterwards.
  Record& emplace_back() {
    assert(size_ < UINT32_MAX && "more than four billion records: ids are 32-bit");
    const std::size_t slot = size_ % kChunkRecords;
    if (slot == 0) chunks_.push_back(take_chunk());
    Chunk& chunk = *chunks_.back();
    Record* record = new (chunk.at(slot)) Record();
    chunk.live.set(slot);
    ++size_;
    return *record;
  }

  // Records ever added, retired ones included: the last id.
  std::size_t size() const { return size_; }

  bool live(Id id) const {
    if (id == 0 || id > size_) return false;
    const std::unique_ptr<Chunk>& chunk = chunks_[(id - 1) / kChunkRecords];
    return chunk && chunk->live.test((id - 1) % kChunkRecords);
  }

  Record& operator[](Id id) {
    assert(live(id) && "no such record, or it was retired: check live(id) first");
    return *chunks_[(id - 1) / kChunkRecords]->at((id - 1) % kChunkRecords);
  }
  const Record& operator[](Id id) const { return const_cast<RecordStore&>(*this)[id]; }

  // The smallest id still live, or size() + 1 when none is: every record
  // below it has retired. Ids are never reused, so the answer never goes
  // down: the cursor passes each id once over a run (amortised O(1); it was
  // a scan from the start of the oldest chunk, 7 % of a bench's instructions).
  Id oldest_live() const {
    while (oldest_live_cursor_ <= size_) {
      const std::size_t index = (oldest_live_cursor_ - 1) / kChunkRecords;
      const std::unique_ptr<Chunk>& chunk = chunks_[index];
      if (!chunk) {  // retired whole: skip to the next chunk's first id
        oldest_live_cursor_ = static_cast<Id>((index + 1) * kChunkRecords + 1);
        continue;
      }
      if (chunk->live.test((oldest_live_cursor_ - 1) % kChunkRecords)) return oldest_live_cursor_;
      ++oldest_live_cursor_;
    }
    return static_cast<Id>(size_ + 1);
  }

  // The record, or null when there is none (never added, or retired).
  const Record* find(Id id) const { return live(id) ? &(*this)[id] : nullptr; }

  // Destroys the record; its id is never used again.
  void retire(Id id) {
    assert(live(id) && "a record is retired once");
    const std::size_t index = (id - 1) / kChunkRecords;
    Chunk& chunk = *chunks_[index];
    const std::size_t slot = (id - 1) % kChunkRecords;
    std::destroy_at(chunk.at(slot));
    chunk.live.reset(slot);
    // The chunk being filled stays: the next records go there.
    const bool filled = index + 1 < chunks_.size() || size_ % kChunkRecords == 0;
    if (chunk.live.none() && filled) give_back(std::move(chunks_[index]));
  }

  // Visits the live records in id order while `visit` returns true.
  template <typename Visit>
  void visit_live(Visit visit) {
    for (std::unique_ptr<Chunk>& chunk : chunks_) {
      if (!chunk) continue;
      for (std::size_t slot = 0; slot < kChunkRecords; ++slot) {
        if (chunk->live.test(slot) && !visit(*chunk->at(slot))) return;
      }
    }
  }

 private:
  // Left uninitialised but for the bookkeeping: a chunk's memory is first
  // touched by the records made in it. The bookkeeping comes first: one
  // cache line that every access to the chunk's records checks, so it stays hot.
  struct Chunk {
    std::bitset<kChunkRecords> live;  // which slots hold a record
    alignas(Record) std::byte storage[kChunkRecords * sizeof(Record)];

    Record* at(std::size_t slot) { return std::launder(reinterpret_cast<Record*>(storage) + slot); }
    void destroy_all() {
      for (std::size_t slot = 0; slot < kChunkRecords; ++slot) {
        if (live.test(slot)) std::destroy_at(at(slot));
      }
      live.reset();
    }
  };
  // Retired chunks kept for reuse: memory a run has already touched.
  static constexpr std::size_t kSpareChunks = 4;

  std::unique_ptr<Chunk> take_chunk() {
    if (spare_.empty()) return std::make_unique_for_overwrite<Chunk>();
    std::unique_ptr<Chunk> chunk = std::move(spare_.back());
    spare_.pop_back();
    return chunk;
  }
  void give_back(std::unique_ptr<Chunk> chunk) {
    if (spare_.size() < kSpareChunks) spare_.push_back(std::move(chunk));
  }

  std::vector<std::unique_ptr<Chunk>> chunks_;  // by (id - 1) / kChunkRecords; null once retired
  std::vector<std::unique_ptr<Chunk>> spare_;
  std::size_t size_ = 0;
  mutable Id oldest_live_cursor_ = 1;  // oldest_live()'s cursor: no id below it is live
};

}  // namespace pbxsim
