// Lets the library's producers build an OffsetMap from offsets they know to
// be valid, without the checks of OffsetMap::FromOffsets.
#ifndef KALIMA_CPP_INTERNAL_OFFSET_MAP_ACCESS_H_
#define KALIMA_CPP_INTERNAL_OFFSET_MAP_ACCESS_H_

#include <cstdint>
#include <vector>

#include "kalima/offset_map.h"

namespace kalima::internal {

struct OffsetMapAccess {
  static OffsetMap Make(std::vector<uint32_t> starts, size_t source_size) {
    OffsetMap map;
    map.starts_ = std::move(starts);
    map.source_size_ = source_size;
    return map;
  }
};

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_OFFSET_MAP_ACCESS_H_
