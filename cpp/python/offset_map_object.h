// kalima.OffsetMap and kalima.NormalizedText: plain C types (OffsetMap a
// HeldObject, see held_object.h), not pybind11 classes, because
// normalize_with_offsets makes one of each per call.
#ifndef KALIMA_CPP_PYTHON_OFFSET_MAP_OBJECT_H_
#define KALIMA_CPP_PYTHON_OFFSET_MAP_OBJECT_H_

#include <pybind11/pybind11.h>

#include "kalima/offset_map.h"

namespace kalima::python {

namespace py = pybind11;

// Creates both types and adds them to `m`, with _offset_map_from_state.
void RegisterOffsetMap(py::module_& m);

// A new kalima.NormalizedText of `text` (an exact str) and its `offsets`.
py::object NewNormalizedText(py::str text, OffsetMap offsets);

}  // namespace kalima::python

#endif  // KALIMA_CPP_PYTHON_OFFSET_MAP_OBJECT_H_
