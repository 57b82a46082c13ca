// OffsetMap: where each unit of a derived text came from in the caller's text.
//
// Every kalima primitive reports results in the caller's original text. When a
// primitive works on a normalised copy, the OffsetMap produced by the
// normaliser carries positions back.
#ifndef KALIMA_OFFSET_MAP_H_
#define KALIMA_OFFSET_MAP_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "kalima/export.h"
#include "kalima/span.h"

namespace kalima {

namespace internal {
struct OffsetMapAccess;
}  // namespace internal

// Maps positions of an output text to positions of the source text it was
// derived from. Units are whatever the producing call works in: bytes for the
// UTF-8 API, code points for the fixed-width (Python str) API.
//
// Output unit i came from the source unit starting at source_offset(i).
// Offsets never decrease. Several output units may share one source offset
// (a ligature expanded to two letters); source units that produced nothing
// (a deleted diacritic) have no output unit of their own and belong to the
// output unit before them when spans are mapped.
class KALIMA_EXPORT OffsetMap {
 public:
  OffsetMap() = default;

  // Builds a map from explicit offsets, as a producer would. `starts` holds
  // one entry per output unit; `source_size` is the length of the source.
  // Fails if the offsets decrease or reach past `source_size`.
  static absl::StatusOr<OffsetMap> FromOffsets(std::vector<uint32_t> starts,
                                               size_t source_size);

  // The identity map over `size` units.
  static OffsetMap Identity(size_t size);

  size_t output_size() const { return starts_.size(); }
  size_t source_size() const { return source_size_; }

  // Source offset of output unit `i`; `i == output_size()` gives
  // source_size(). Precondition: i <= output_size().
  size_t source_offset(size_t i) const {
    return i < starts_.size() ? starts_[i] : source_size_;
  }

  // The source span that produced the output span [start, end): it starts
  // where output unit `start` came from and runs up to where the next output
  // unit after the span came from, so source units deleted inside or right
  // after the span belong to it; a span covering part of an expansion covers
  // the whole source character. An empty output span maps to an empty source
  // span. InvalidArgument if start > end or end > output_size().
  absl::StatusOr<Span> SourceSpan(size_t start, size_t end) const;

  // The raw offsets, one per output unit.
  std::span<const uint32_t> offsets() const { return starts_; }

  friend bool operator==(const OffsetMap&, const OffsetMap&) = default;

 private:
  // Producers inside the library fill the offsets without re-validation.
  friend struct internal::OffsetMapAccess;
  std::vector<uint32_t> starts_;
  size_t source_size_ = 0;
};

}  // namespace kalima

#endif  // KALIMA_OFFSET_MAP_H_
