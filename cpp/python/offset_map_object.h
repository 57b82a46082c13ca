// kalima.OffsetMap and kalima.NormalizedText: plain C types, not pybind11
// classes, because normalize_with_offsets makes one of each per call, and
// pybind11 enters every instance of its classes in a process-wide table and
// takes it out again when it goes. A bare OffsetMap (from __new__, as
// unpickling makes it) refuses every use until __setstate__ fills it.
#ifndef KALIMA_CPP_PYTHON_OFFSET_MAP_OBJECT_H_
#define KALIMA_CPP_PYTHON_OFFSET_MAP_OBJECT_H_

#include <pybind11/pybind11.h>

#include "kalima/offset_map.h"

namespace kalima::python {

namespace py = pybind11;

// Creates both types and adds them to `m`, with _offset_map_from_state.
void RegisterOffsetMap(py::module_& m);

// A new kalima.OffsetMap holding `map`.
py::object MakeOffsetMap(OffsetMap map);

// A new kalima.NormalizedText of `text` (an exact str) and `offsets` (a
// kalima.OffsetMap of its length).
py::object NewNormalizedText(py::str text, py::object offsets);

}  // namespace kalima::python

#endif  // KALIMA_CPP_PYTHON_OFFSET_MAP_OBJECT_H_
