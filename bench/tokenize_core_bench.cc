// The tokenizer's and sentence splitter's C++ core alone, per line, on the
// corpus given by KALIMA_BENCH_CORPUS. bytes_per_second counts UTF-8 input
// bytes for every benchmark, so the UTF-8, UCS-2 and UTF-32 paths compare
// directly.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_corpus.h"
#include "kalima/tokenize.h"

namespace {

using kalima::bench::Corpus;
using kalima::bench::GetCorpus;

void BM_TokenizeUtf8PerLine(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const kalima::Tokenizer tokenizer;
  size_t tokens = 0;
  for (auto _ : state) {
    for (std::string_view line : corpus.lines) {
      auto out = tokenizer.Tokenize(line);
      tokens += out->size();
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(tokens),
                                                  benchmark::Counter::kIsRate);
}

void BM_TokenizeUcs2PerLine(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const kalima::Tokenizer tokenizer;
  std::vector<kalima::Token> out;
  for (auto _ : state) {
    for (const std::u16string& line : corpus.ucs2_lines) {
      auto status =
          tokenizer.TokenizeCodePoints(std::span<const char16_t>(line), &out);
      benchmark::DoNotOptimize(status);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
}

// UTF-32: CPython's layout for a str that holds an emoji.
void BM_TokenizeUtf32PerLine(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  std::vector<std::u32string> lines;
  for (const std::u16string& line : corpus.ucs2_lines) {
    lines.emplace_back(line.begin(), line.end());
  }
  const kalima::Tokenizer tokenizer;
  std::vector<kalima::Token> out;
  for (auto _ : state) {
    for (const std::u32string& line : lines) {
      auto status =
          tokenizer.TokenizeCodePoints(std::span<const char32_t>(line), &out);
      benchmark::DoNotOptimize(status);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
}

void BM_SentencesUtf8PerLine(benchmark::State& state) {
  const Corpus& corpus = GetCorpus();
  const kalima::SentenceSplitter splitter;
  for (auto _ : state) {
    for (std::string_view line : corpus.lines) {
      auto out = splitter.Split(line);
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes.size());
}

BENCHMARK(BM_TokenizeUtf8PerLine)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokenizeUcs2PerLine)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokenizeUtf32PerLine)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SentencesUtf8PerLine)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
