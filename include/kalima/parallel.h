// ParallelFor: the one place kalima's batch calls split work across threads.
#ifndef KALIMA_PARALLEL_H_
#define KALIMA_PARALLEL_H_

#include <cstddef>
#include <functional>

#include "kalima/export.h"

namespace kalima {

// The number of threads a batch call uses for `threads` (0 or less: one per
// core; at most four per core) and `items` pieces of work. The public batch
// calls refuse a negative count before they get here.
KALIMA_EXPORT int EffectiveThreads(int threads, size_t items);

// Calls `body(i, worker)` for every i in [0, n), spread over
// EffectiveThreads(threads, n) threads (`worker` numbers them from 0, so
// callers can keep per-thread scratch) that take items in small chunks, so
// long and short texts balance out. Runs inline when one thread suffices.
//
// If `ready` is given, the calling thread also calls `ready(begin, end)`, in
// order, for consecutive ranges of items as soon as all of a range is done,
// between the chunks it takes itself: results can be used (converted for
// Python, say) while the other threads work on the next ones.
//
// If `body` or `ready` throws (std::bad_alloc, or an error converting), the
// remaining work is abandoned and the first exception is rethrown after
// every thread has finished.
KALIMA_EXPORT void ParallelFor(
    size_t n, int threads,
    const std::function<void(size_t index, int worker)>& body,
    const std::function<void(size_t begin, size_t end)>& ready = nullptr);

}  // namespace kalima

#endif  // KALIMA_PARALLEL_H_
