// The normaliser's C++ core alone, per line, on a corpus given by
// KALIMA_BENCH_CORPUS (a file of lines, UTF-8), next to memcpy of the same
// bytes. bytes_per_second counts UTF-8 input bytes for every benchmark, so
// the UTF-8 and UCS-2 paths and memcpy compare directly.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "kalima/normalize.h"

namespace {

using kalima::bench::Corpus;
using kalima::bench::GetCorpus;

kalima::Normalizer ProfileNormalizer(int index) {
  return *kalima::Normalizer::ForProfile(
      kalima::NormalizeProfileNames()[static_cast<size_t>(index)]);
}

void BM_Utf8PerLine(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const kalima::Normalizer normalizer = ProfileNormalizer(state.range(0));
  state.SetLabel(std::string(kalima::NormalizeProfileNames()[state.range(0)]));
  for (auto _ : state) {
    for (std::string_view line : corpus.lines) {
      auto out = normalizer.Normalize(line);
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
}

void BM_Ucs2PerLine(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const kalima::Normalizer normalizer = ProfileNormalizer(state.range(0));
  state.SetLabel(std::string(kalima::NormalizeProfileNames()[state.range(0)]));
  std::u16string out;
  for (auto _ : state) {
    for (const std::u16string& line : corpus.ucs2_lines) {
      auto status =
          normalizer.NormalizeCodePoints(std::span<const char16_t>(line), &out);
      benchmark::DoNotOptimize(status);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
}

void BM_Ucs2PerLineWithOffsets(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const kalima::Normalizer normalizer;
  std::u16string out;
  kalima::OffsetMap offsets;
  for (auto _ : state) {
    for (const std::u16string& line : corpus.ucs2_lines) {
      auto status = normalizer.NormalizeCodePoints(
          std::span<const char16_t>(line), &out, &offsets);
      benchmark::DoNotOptimize(status);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
}

void BM_Memcpy(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  std::string out(corpus.bytes.size(), '\0');
  for (auto _ : state) {
    std::memcpy(out.data(), corpus.bytes.data(), corpus.bytes.size());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
}

// Profiles by index into NormalizeProfileNames(): 0 search, 2 camel.
BENCHMARK(BM_Utf8PerLine)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ucs2PerLine)->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ucs2PerLineWithOffsets)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Memcpy)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
