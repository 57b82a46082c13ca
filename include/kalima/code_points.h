// CodePointsView: text held as fixed-width code points, the layouts CPython
// uses for str (PEP 393). The batch calls of every primitive take these.
#ifndef KALIMA_CODE_POINTS_H_
#define KALIMA_CODE_POINTS_H_

#include <cstddef>

namespace kalima {

// Borrowed: `width` is 1 (Latin-1), 2 (UCS-2) or 4 (UTF-32) bytes per code
// point, as CPython stores str. Another width, or null data with a size,
// is InvalidArgument wherever a view is taken.
struct CodePointsView {
  const void* data = nullptr;
  size_t size = 0;
  int width = 1;
};

}  // namespace kalima

#endif  // KALIMA_CODE_POINTS_H_
