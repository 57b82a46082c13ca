// The segmenter's C++ core alone (tokenising included), per line, on the
// corpus given by KALIMA_BENCH_CORPUS, with the model given by
// KALIMA_SEGMENTER_MODEL (default: the bundled one). words/s counts every
// token segmented; bytes_per_second counts UTF-8 input bytes.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "kalima/segment.h"

namespace {

using kalima::bench::Corpus;
using kalima::bench::GetCorpus;

const kalima::Segmenter& GetSegmenter() {
  static const kalima::Segmenter* segmenter = [] {
    const char* path = std::getenv("KALIMA_SEGMENTER_MODEL");
    auto loaded =
        kalima::Segmenter::Load(path ? path : KALIMA_DEFAULT_SEGMENTER_MODEL);
    if (!loaded.ok()) {
      std::cerr << loaded.status() << "\n";
      std::exit(2);
    }
    return new kalima::Segmenter(*std::move(loaded));
  }();
  return *segmenter;
}

void BM_SegmentUtf8PerLine(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const kalima::Segmenter& segmenter = GetSegmenter();
  size_t words = 0;
  for (auto _ : state) {
    for (std::string_view line : corpus.lines) {
      auto out = segmenter.Segment(line);
      words += out->tokens.size();
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
  state.counters["words/s"] = benchmark::Counter(static_cast<double>(words),
                                                 benchmark::Counter::kIsRate);
}

void BM_SegmentUcs2PerLine(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const kalima::Segmenter& segmenter = GetSegmenter();
  kalima::Segmentation out;
  size_t words = 0;
  for (auto _ : state) {
    for (const std::u16string& line : corpus.ucs2_lines) {
      auto status = segmenter.SegmentCodePoints({line.data(), line.size(), 2},
                                                kalima::SegmentScheme::kClitics,
                                                {}, &out);
      words += out.tokens.size();
      benchmark::DoNotOptimize(status);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
  state.counters["words/s"] = benchmark::Counter(static_cast<double>(words),
                                                 benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_SegmentUtf8PerLine)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SegmentUcs2PerLine)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
