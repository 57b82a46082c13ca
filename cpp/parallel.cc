// ParallelFor over std::thread: batch calls are coarse (thousands of texts),
// so a pool would save little over starting threads per call.
#include "kalima/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "internal/batch.h"

namespace kalima {

int EffectiveThreads(int threads, size_t items) {
  const int cores =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // More threads than cores only adds switching to CPU-bound work; a few
  // times the core count is allowed for machines that hide cores.
  threads = threads <= 0 ? cores : std::min(threads, 4 * cores);
  return static_cast<int>(
      std::min<size_t>(threads, std::max<size_t>(items, 1)));
}

void ParallelFor(size_t n, int threads,
                 const std::function<void(size_t index, int worker)>& body) {
  const int workers = EffectiveThreads(threads, n);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) body(i, 0);
    return;
  }
  constexpr size_t kChunk = 16;
  std::atomic<size_t> next{0};
  // An exception (std::bad_alloc, in practice) stops the other workers at
  // their next chunk and is rethrown here once every thread has joined.
  std::atomic<bool> failed{false};
  std::mutex first_error_mutex;
  std::exception_ptr first_error;
  auto work = [&](int worker) {
    try {
      while (!failed.load(std::memory_order_relaxed)) {
        const size_t begin = next.fetch_add(kChunk, std::memory_order_relaxed);
        if (begin >= n) return;
        const size_t end = std::min(n, begin + kChunk);
        for (size_t i = begin; i < end; ++i) body(i, worker);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(first_error_mutex);
      if (!first_error) first_error = std::current_exception();
      failed.store(true, std::memory_order_relaxed);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (int t = 1; t < workers; ++t) {
    // A thread that cannot be started (a process limit) leaves its share to
    // the workers that did start.
    try {
      pool.emplace_back(work, t);
    } catch (const std::system_error&) {
      break;
    }
  }
  work(0);
  for (auto& thread : pool) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

namespace internal {

absl::Status FirstError(const std::vector<absl::Status>& errors) {
  for (size_t i = 0; i < errors.size(); ++i) {
    if (!errors[i].ok()) {
      return absl::Status(
          errors[i].code(),
          absl::StrCat("texts[", i, "]: ", errors[i].message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace internal

}  // namespace kalima
