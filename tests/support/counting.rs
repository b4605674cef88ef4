//! The most bytes a call holds at once, on this thread: [`peak`] measures
//! what a call costs in memory, and the other threads of a test binary (tests
//! running beside) do not count. Shared by `tests/hostile.rs` and
//! `benches/memory.rs`.
//!
//! The counting is `allocation-counter`'s: the crate installs itself as the
//! global allocator of the binaries that use it (only these two) and counts
//! per thread, so this repository needs no allocator code of its own.

/// The most bytes this thread held at once while running `f` (its result
/// included), above what it held before.
pub fn peak<T>(f: impl FnOnce() -> T) -> usize {
    let info = allocation_counter::measure(|| drop(f()));
    usize::try_from(info.bytes_max).unwrap_or(usize::MAX)
}

/// The allocations this thread made while running `f` (its result
/// included), and the bytes they asked for in all.
#[allow(dead_code)] // used by the benches, not by every test binary
pub fn allocations<T>(f: impl FnOnce() -> T) -> (u64, u64) {
    let info = allocation_counter::measure(|| drop(f()));
    (info.count_total, info.bytes_total)
}
