// jemalloc reads its options from this symbol before its first allocation.
// thp:always asks the kernel for 2 MiB pages for jemalloc's extents (and
// metadata): a day's model is hundreds of MB touched once, and each 4 KiB
// page fault costs about 10 us on the VMs we run on. Addresses never reach a
// trace, so the allocator cannot change a run's behaviour.
extern "C" {
const char* malloc_conf = "thp:always,metadata_thp:always";
}
