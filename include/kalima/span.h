// Span: a half-open range of positions in a text, the unit every kalima
// result is reported in.
#ifndef KALIMA_SPAN_H_
#define KALIMA_SPAN_H_

#include <cstddef>

namespace kalima {

// A half-open range [start, end) of units: bytes for kalima's UTF-8 API, code
// points (Python str indices) for its fixed-width API.
struct Span {
  size_t start = 0;
  size_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace kalima

#endif  // KALIMA_SPAN_H_
