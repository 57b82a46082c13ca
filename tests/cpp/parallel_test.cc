#include "kalima/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <utility>
#include <vector>

namespace kalima {
namespace {

TEST(ParallelFor, ReadyHandsOnEveryItemInOrderOnceDone) {
  for (size_t n : {0, 1, 15, 16, 17, 1000}) {
    for (int threads : {1, 2, 3, 8}) {
      std::vector<std::atomic<int>> calls(n);
      std::vector<std::pair<size_t, size_t>> ranges;
      bool all_done_when_ready = true;
      ParallelFor(
          n, threads, [&](size_t i, int) { calls[i].fetch_add(1); },
          [&](size_t begin, size_t end) {
            for (size_t i = begin; i < end; ++i) {
              all_done_when_ready = all_done_when_ready && calls[i] == 1;
            }
            ranges.emplace_back(begin, end);
          });
      EXPECT_TRUE(all_done_when_ready) << n << " items, " << threads;
      size_t expected_begin = 0;
      for (const auto& [begin, end] : ranges) {
        EXPECT_EQ(begin, expected_begin);
        EXPECT_LT(begin, end);
        expected_begin = end;
      }
      EXPECT_EQ(expected_begin, n) << n << " items, " << threads;
      for (size_t i = 0; i < n; ++i) EXPECT_EQ(calls[i], 1);
    }
  }
}

TEST(ParallelFor, AnExceptionInBodyOrReadyStopsTheWorkAndIsRethrown) {
  for (int threads : {1, 2, 3, 8}) {
    EXPECT_THROW(ParallelFor(
                     5000, threads,
                     [](size_t i, int) {
                       if (i == 3000) throw std::runtime_error("item 3000");
                     },
                     [](size_t, size_t) {}),
                 std::runtime_error);
    size_t handed_on = 0;
    EXPECT_THROW(ParallelFor(
                     5000, threads, [](size_t, int) {},
                     [&](size_t, size_t end) {
                       if (end > 100) throw std::runtime_error("converting");
                       handed_on = end;
                     }),
                 std::runtime_error);
    EXPECT_LE(handed_on, 100u);
  }
}

}  // namespace
}  // namespace kalima
