// OffsetMap: span mapping from a derived text back to its source.
#include "kalima/offset_map.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "internal/offset_map_access.h"

namespace kalima {

absl::StatusOr<OffsetMap> OffsetMap::FromOffsets(std::vector<uint32_t> starts,
                                                 size_t source_size) {
  for (size_t i = 0; i < starts.size(); ++i) {
    if (starts[i] >= source_size) {
      return absl::InvalidArgumentError(
          absl::StrCat("offset ", starts[i], " at output index ", i,
                       " is not inside a source of ", source_size, " units"));
    }
    if (i > 0 && starts[i] < starts[i - 1]) {
      return absl::InvalidArgumentError(
          absl::StrCat("offsets decrease at output index ", i));
    }
  }
  return internal::OffsetMapAccess::Make(std::move(starts), source_size);
}

OffsetMap OffsetMap::Identity(size_t size) {
  std::vector<uint32_t> starts(size);
  for (size_t i = 0; i < size; ++i) starts[i] = static_cast<uint32_t>(i);
  return internal::OffsetMapAccess::Make(std::move(starts), size);
}

absl::StatusOr<Span> OffsetMap::SourceSpan(size_t start, size_t end) const {
  if (start > end) {
    return absl::InvalidArgumentError(absl::StrCat(
        "span [", start, ", ", end, ") is reversed: it starts after its end"));
  }
  if (end > starts_.size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "span [", start, ", ", end, ") is not inside an output of ",
        starts_.size(), " units"));
  }
  if (start == end) {
    size_t at = source_offset(start);
    return Span{at, at};
  }
  const size_t last_source = starts_[end - 1];
  // The first output unit after the span that comes from a later source unit:
  // units sharing `last_source` are the rest of an expansion.
  size_t next = end;
  while (next < starts_.size() && starts_[next] == last_source) ++next;
  return Span{starts_[start], source_offset(next)};
}

}  // namespace kalima
