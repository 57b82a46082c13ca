// Readers of a text's code points in its own units, for code templated over
// how the text is stored: `reader(i)` gives (code point, length in units) at
// unit i. UTF-8 text must already be valid.
#ifndef KALIMA_CPP_INTERNAL_CODE_POINT_READER_H_
#define KALIMA_CPP_INTERNAL_CODE_POINT_READER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "internal/utf8.h"

namespace kalima::internal {

inline auto Utf8Reader(std::string_view utf8) {
  return [bytes = reinterpret_cast<const uint8_t*>(utf8.data()),
          n = utf8.size()](size_t i) {
    char32_t c = 0;
    const size_t len = DecodeUtf8(bytes, n, i, &c);
    return std::pair<char32_t, size_t>(c, len);
  };
}

template <typename Unit>
auto FixedWidthReader(const Unit* data) {
  return [data](size_t i) { return std::pair<char32_t, size_t>(data[i], 1); };
}

// Appends the code points of units [start, end), read through `reader`, to
// `out`; with `units`, also the unit each starts at.
template <typename Reader>
void AppendCodePoints(size_t start, size_t end, Reader&& reader,
                      std::u32string* out,
                      std::vector<size_t>* units = nullptr) {
  for (size_t i = start; i < end;) {
    const auto [c, len] = reader(i);
    out->push_back(c);
    if (units != nullptr) units->push_back(i);
    i += len;
  }
}

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_CODE_POINT_READER_H_
