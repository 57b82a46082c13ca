// ParallelFor: the one place kalima's batch calls split work across threads.
#ifndef KALIMA_PARALLEL_H_
#define KALIMA_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace kalima {

// The number of threads a batch call uses for `threads` (0: one per core;
// at most four per core) and `items` pieces of work.
int EffectiveThreads(int threads, size_t items);

// Calls `body(i, worker)` for every i in [0, n), spread over
// EffectiveThreads(threads, n) threads (`worker` numbers them from 0, so
// callers can keep per-thread scratch) that take items in small chunks, so
// long and short texts balance out. Runs inline when one thread suffices.
// If `body` throws (std::bad_alloc), the remaining work is abandoned and the
// first exception is rethrown after every thread has finished.
void ParallelFor(size_t n, int threads,
                 const std::function<void(size_t index, int worker)>& body);

}  // namespace kalima

#endif  // KALIMA_PARALLEL_H_
