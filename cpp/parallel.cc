// ParallelFor over std::thread: batch calls are coarse (thousands of texts),
// so a pool would save little over starting threads per call.
#include "kalima/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
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
                 const std::function<void(size_t index, int worker)>& body,
                 const std::function<void(size_t begin, size_t end)>& ready) {
  const int workers = EffectiveThreads(threads, n);
  // Chunks of up to 64 items, and at least eight per thread: few hand-offs
  // (each `ready` call takes the GIL, in Python's batches), and room to
  // balance long texts against short ones.
  const size_t chunk =
      std::clamp<size_t>(n / (8 * static_cast<size_t>(workers)), 1, 64);
  const size_t chunks = (n + chunk - 1) / chunk;
  if (workers <= 1) {
    for (size_t c = 0; c < chunks; ++c) {
      const size_t begin = c * chunk, end = std::min(n, begin + chunk);
      for (size_t i = begin; i < end; ++i) body(i, 0);
      if (ready) ready(begin, end);
    }
    return;
  }
  std::atomic<size_t> next{0};
  // Per chunk, whether it is done (read only with `ready`).
  std::vector<std::atomic<uint8_t>> done(ready ? chunks : 0);
  for (std::atomic<uint8_t>& d : done) d.store(0, std::memory_order_relaxed);
  // An exception stops the other workers at their next chunk, marks every
  // chunk done (so that the calling thread waits on none) and is rethrown
  // here once every thread has joined.
  std::atomic<bool> failed{false};
  std::mutex first_error_mutex;
  std::exception_ptr first_error;
  auto fail = [&] {
    {
      std::lock_guard<std::mutex> lock(first_error_mutex);
      if (!first_error) first_error = std::current_exception();
    }
    failed.store(true, std::memory_order_release);
    for (std::atomic<uint8_t>& d : done) {
      d.store(1, std::memory_order_release);
      d.notify_all();
    }
  };
  // Runs the next chunk not yet taken; false when none is left (or the work
  // was abandoned).
  auto take = [&](int worker) {
    if (failed.load(std::memory_order_relaxed)) return false;
    const size_t c = next.fetch_add(1, std::memory_order_relaxed);
    if (c >= chunks) return false;
    try {
      const size_t end = std::min(n, (c + 1) * chunk);
      for (size_t i = c * chunk; i < end; ++i) body(i, worker);
    } catch (...) {
      fail();
      return false;
    }
    if (ready) {
      done[c].store(1, std::memory_order_release);
      done[c].notify_all();
    }
    return true;
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (int t = 1; t < workers; ++t) {
    // A thread that cannot be started (a process limit) leaves its share to
    // the workers that did start.
    try {
      pool.emplace_back([&take, t] {
        while (take(t)) {
        }
      });
    } catch (const std::system_error&) {
      break;
    }
  }
  if (!ready) {
    while (take(0)) {
    }
  } else {
    // Hands on each chunk in order once it is done; meanwhile takes chunks
    // itself, or waits when none is left to take.
    for (size_t c = 0; c < chunks && !failed.load(std::memory_order_acquire);) {
      if (done[c].load(std::memory_order_acquire) == 0) {
        if (!take(0)) done[c].wait(0, std::memory_order_acquire);
        continue;
      }
      if (failed.load(std::memory_order_acquire)) break;
      try {
        ready(c * chunk, std::min(n, (c + 1) * chunk));
      } catch (...) {
        fail();
      }
      ++c;
    }
  }
  for (auto& thread : pool) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

namespace internal {

absl::Status OfText(size_t index, const absl::Status& error) {
  return absl::Status(error.code(),
                      absl::StrCat("texts[", index, "]: ", error.message()));
}

absl::Status FirstError(const std::vector<absl::Status>& errors) {
  for (size_t i = 0; i < errors.size(); ++i) {
    if (!errors[i].ok()) return OfText(i, errors[i]);
  }
  return absl::OkStatus();
}

absl::Status CheckThreads(int threads) {
  if (threads >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "threads is ", threads, "; give a count, or 0 for one per core"));
}

}  // namespace internal

}  // namespace kalima
