// The normaliser's C++ core alone, per line, on a corpus given by
// KALIMA_BENCH_CORPUS (a file of lines, UTF-8), next to memcpy of the same
// bytes. bytes_per_second counts UTF-8 input bytes for every benchmark, so
// the UTF-8 and UCS-2 paths and memcpy compare directly.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "kalima/normalize.h"

namespace {

struct Corpus {
  std::string bytes;
  std::vector<std::string_view> lines;
  std::vector<std::u16string> ucs2_lines;
};

std::u16string ToUcs2(std::string_view utf8) {
  std::u16string out;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<uint8_t>(utf8[i]);
    char32_t c;
    size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    c = len == 1 ? b : b & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; ++k) c = (c << 6) | (utf8[i + k] & 0x3F);
    // The corpus is Arabic news; code points outside the BMP are replaced so
    // that every line fits the UCS-2 layout CPython would use for it.
    out.push_back(c < 0x10000 ? static_cast<char16_t>(c) : u'?');
    i += len;
  }
  return out;
}

const Corpus& GetCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    const char* path = std::getenv("KALIMA_BENCH_CORPUS");
    if (path == nullptr) {
      std::cerr << "set KALIMA_BENCH_CORPUS to a UTF-8 file of lines\n";
      std::exit(2);
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    c->bytes = buffer.str();
    std::string_view all = c->bytes;
    while (!all.empty()) {
      size_t nl = all.find('\n');
      std::string_view line = all.substr(0, nl);
      c->lines.push_back(line);
      c->ucs2_lines.push_back(ToUcs2(line));
      all.remove_prefix(nl == std::string_view::npos ? all.size() : nl + 1);
    }
    return c;
  }();
  return *corpus;
}

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
