// The gazetteer's C++ core alone (tokenising and normalising included), per
// line over UCS-2 (the layout CPython uses for Arabic str), on the corpus
// given by KALIMA_BENCH_CORPUS, with the compiled gazetteer given by
// KALIMA_GAZETTEER (a file written by Gazetteer::Save; default: the bundled
// names, compiled here). bytes_per_second counts UTF-8 input bytes.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "kalima/gazetteer.h"

namespace {

using kalima::bench::Corpus;
using kalima::bench::GetCorpus;

const kalima::Gazetteer& GetGazetteer() {
  static const kalima::Gazetteer* gazetteer = [] {
    const char* path = std::getenv("KALIMA_GAZETTEER");
    if (path == nullptr) {
      std::cerr << "set KALIMA_GAZETTEER to a compiled gazetteer\n";
      std::exit(2);
    }
    // KALIMA_GAZETTEER_COPY=1: a copy in memory (FromBytes) instead of the
    // file mapped.
    const char* copy = std::getenv("KALIMA_GAZETTEER_COPY");
    auto loaded = kalima::Gazetteer::Load(path);
    if (loaded.ok() && copy != nullptr && copy[0] == '1') {
      loaded = kalima::Gazetteer::FromBytes(std::string(loaded->bytes()));
    }
    if (!loaded.ok()) {
      std::cerr << loaded.status() << "\n";
      std::exit(2);
    }
    return new kalima::Gazetteer(*std::move(loaded));
  }();
  return *gazetteer;
}

void FindPerLine(benchmark::State& state, kalima::GazetteerMode mode,
                 int max_edits) {
  const Corpus& corpus = GetCorpus();
  const kalima::Gazetteer& gazetteer = GetGazetteer();
  std::vector<kalima::GazetteerMatch> out;
  size_t matches = 0;
  for (auto _ : state) {
    for (const std::u16string& line : corpus.ucs2_lines) {
      auto status = gazetteer.FindCodePoints({line.data(), line.size(), 2},
                                             {mode, max_edits}, &out);
      matches += out.size();
      benchmark::DoNotOptimize(status);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
  state.counters["matches/s"] = benchmark::Counter(static_cast<double>(matches),
                                                   benchmark::Counter::kIsRate);
}

void BM_FindLongest(benchmark::State& state) {
  FindPerLine(state, kalima::GazetteerMode::kLongest, 0);
}
void BM_FindAll(benchmark::State& state) {
  FindPerLine(state, kalima::GazetteerMode::kAll, 0);
}
void BM_FindLongestOneEdit(benchmark::State& state) {
  FindPerLine(state, kalima::GazetteerMode::kLongest, 1);
}

}  // namespace

BENCHMARK(BM_FindLongest)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindAll)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FindLongestOneEdit)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
