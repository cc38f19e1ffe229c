// The fixed formulas of kept_memory.h and the error past the limit.
#include "pbxsim/engine/kept_memory.h"

#include "pbxsim/engine/call_record.h"
#include "pbxsim/engine/trace.h"

namespace pbxsim {

namespace {

// A packed name list: each name and its terminating '\0'.
std::size_t bytes_of_names(const NameList& names) {
  std::size_t bytes = 0;
  for (std::string_view name : names) bytes += name.size() + 1;
  return bytes;
}

// An InlineVector's heap array, when it outgrew its inline values (their
// count is the vector's own business: any size counts the elements past two).
template <typename Vector>
std::size_t heap_bytes_of(const Vector& values) {
  return values.size() > 2 ? values.size() * sizeof(*values.begin()) : 0;
}

}  // namespace

std::size_t KeptMemory::bytes_of(const TraceEvent& event) {
  // The record, its queue depth (Pbx::trace_queue_depths) and its strings.
  std::size_t bytes = sizeof(TraceEvent) + sizeof(std::uint32_t) + event.subject.size() + event.text.size();
  for (const TraceStringField& field : kTraceStringFields) bytes += (event.*field.member).size();
  for (const TraceFact& fact : event.facts) bytes += sizeof(TraceFact) + fact.name.size() + fact.value.size();
  return bytes;
}

std::size_t KeptMemory::bytes_of(const CallRecord& call) {
  std::size_t bytes = sizeof(CallRecord) + call.caller.size() + call.dialed.size() + call.outcome_detail.size() +
                      call.answered_by.size() + call.routed.size();
  bytes += heap_bytes_of(call.alerting_appearances) + heap_bytes_of(call.visited_lines);
  for (const NameList* names : {&call.path, &call.forward_reasons, &call.alerted_devices, &call.silent_devices}) {
    bytes += bytes_of_names(*names);
  }
  for (const auto& [who, why] : call.skipped) bytes += who.size() + why.size() + 2;
  const CallExtras& extras = call.extras.get();
  const std::size_t extra_strings = extras.media_gateway.size() + extras.caller_lookup.size() + extras.caller_name.size();
  if (extra_strings > 0) bytes += sizeof(CallExtras) + extra_strings;
  return bytes;
}

void KeptMemory::fail(std::size_t call_log_bytes) const {
  const std::size_t mib = limit_bytes_ >> 20;
  throw KeptMemoryError(
      "the run keeps more than " + std::to_string(mib) + " MiB for its results (" + std::to_string(trace_records_) +
      " trace records: " + std::to_string(trace_bytes_ >> 20) + " MiB, " + std::to_string(calls_) +
      " ended calls: " + std::to_string(call_bytes_ >> 20) + " MiB, recent-call lists: " +
      std::to_string(call_log_bytes >> 20) + " MiB); " + how_to_raise());
}

void KeptMemory::fail_decisions() const {
  throw KeptMemoryError("the decision record (--decisions) keeps more than " + std::to_string(limit_bytes_ >> 20) +
                        " MiB (" + std::to_string(decision_records_) +
                        " decisions; counted apart from the run's own records, so the run would go on without "
                        "--decisions); " + how_to_raise());
}

std::string KeptMemory::how_to_raise() {
  return "a run that needs more can raise the limit with the scenario's engine_kept_mib or, for every scenario "
         "that sets none, --engine-kept-mib (default " + std::to_string(kDefaultLimitMib) + ", range " +
         std::to_string(kMinLimitMib) + " to " + std::to_string(kMaxLimitMib) + ")";
}

}  // namespace pbxsim
