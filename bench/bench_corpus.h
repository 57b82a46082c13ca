// The corpus the C++ core benchmarks share: lines of UTF-8 text from the
// file named by KALIMA_BENCH_CORPUS (written by the Python bench scripts), and
// the same lines as UCS-2, the layout CPython uses for Arabic str.
#ifndef KALIMA_BENCH_BENCH_CORPUS_H_
#define KALIMA_BENCH_BENCH_CORPUS_H_

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace kalima::bench {

struct Corpus {
  std::string bytes;
  std::vector<std::string_view> lines;
  std::vector<std::u16string> ucs2_lines;
};

inline std::u16string ToUcs2(std::string_view utf8) {
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

inline const Corpus& GetCorpus() {
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

}  // namespace kalima::bench

#endif  // KALIMA_BENCH_BENCH_CORPUS_H_
