// Binding of kalima::OffsetMap: a read-only sequence of ints with the buffer
// protocol (so numpy.asarray(offsets) shares its memory) and pickling.
#include <pybind11/pybind11.h>

#include <cstring>
#include <string>
#include <vector>

#include "kalima/offset_map.h"
#include "pystr.h"

namespace kalima::python {
namespace {

// source_span(start, end), its arguments parsed here rather than by pybind11
// (see ParseArguments).
PyObject* SourceSpan(PyObject* self, PyObject* const* args, Py_ssize_t nargsf,
                     PyObject* kwnames) {
  return CallOnInstance<OffsetMap>(
      self, "source_span", "kalima.OffsetMap", [&](const OffsetMap& map) {
        static constexpr const char* kNames[] = {"start", "end"};
        PyObject* given[2];
        ParseArguments(args, nargsf, kwnames, "source_span", kNames, 2, given);
        Py_ssize_t bounds[2];
        for (int k = 0; k < 2; ++k) {
          if (!PyLong_Check(given[k]) || PyBool_Check(given[k])) {
            throw py::type_error(std::string("source_span(): ") + kNames[k] +
                                 " must be int, not " +
                                 Py_TYPE(given[k])->tp_name);
          }
          bounds[k] = PyLong_AsSsize_t(given[k]);
          if (bounds[k] == -1 && PyErr_Occurred()) {
            throw py::error_already_set();
          }
        }
        const auto [start, end] = bounds;
        if (start < 0 || end < 0) {
          throw py::value_error("source_span(" + std::to_string(start) + ", " +
                                std::to_string(end) +
                                "): offsets are never negative");
        }
        absl::StatusOr<Span> span = map.SourceSpan(static_cast<size_t>(start),
                                                   static_cast<size_t>(end));
        ThrowIfError(span.status());
        return py::object(py::make_tuple(span->start, span->end));
      });
}

py::tuple StateOf(const OffsetMap& map) {
  auto offsets = map.offsets();
  return py::make_tuple(map.source_size(),
                        py::bytes(reinterpret_cast<const char*>(offsets.data()),
                                  offsets.size() * sizeof(uint32_t)));
}

OffsetMap FromState(py::tuple state) {
  if (state.size() != 2) throw py::value_error("bad OffsetMap state");
  const std::string raw = state[1].cast<std::string>();
  if (raw.size() % sizeof(uint32_t) != 0) {
    throw py::value_error("bad OffsetMap state");
  }
  std::vector<uint32_t> starts(raw.size() / sizeof(uint32_t));
  std::memcpy(starts.data(), raw.data(), raw.size());
  absl::StatusOr<OffsetMap> map =
      OffsetMap::FromOffsets(std::move(starts), state[0].cast<size_t>());
  ThrowIfError(map.status());
  return *std::move(map);
}

PyMethodDef source_span_def = {
    "source_span",
    reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&SourceSpan)),
    METH_FASTCALL | METH_KEYWORDS,
    "source_span(start: int, end: int) -> tuple[int, int]\n\nThe span of "
    "the source that output [start, end) came from."};

}  // namespace

void RegisterOffsetMap(py::module_& m) {
  py::class_<OffsetMap> cls(m, "OffsetMap", py::buffer_protocol());
  cls.def_buffer([](const OffsetMap& map) {
       return py::buffer_info(const_cast<uint32_t*>(map.offsets().data()),
                              sizeof(uint32_t),
                              py::format_descriptor<uint32_t>::format(), 1,
                              {map.output_size()}, {sizeof(uint32_t)},
                              /*readonly=*/true);
     })
      .def("__len__", &OffsetMap::output_size)
      .def("__getitem__",
           [](const OffsetMap& map, py::handle index) -> py::object {
             const auto n = static_cast<Py_ssize_t>(map.output_size());
             if (PySlice_Check(index.ptr())) {
               Py_ssize_t start = 0, stop = 0, step = 0;
               if (PySlice_Unpack(index.ptr(), &start, &stop, &step) < 0) {
                 throw py::error_already_set();
               }
               const Py_ssize_t count =
                   PySlice_AdjustIndices(n, &start, &stop, step);
               py::list out(count);
               for (Py_ssize_t k = 0; k < count; ++k) {
                 out[k] = map.offsets()[static_cast<size_t>(start + k * step)];
               }
               return std::move(out);
             }
             // An index too large for the machine is out of range too.
             Py_ssize_t i = PyNumber_AsSsize_t(index.ptr(), PyExc_IndexError);
             if (i == -1 && PyErr_Occurred()) throw py::error_already_set();
             if (i < 0) i += n;
             if (i < 0 || i >= n) {
               throw py::index_error("offset index out of range");
             }
             return py::int_(map.offsets()[static_cast<size_t>(i)]);
           })
      .def_property_readonly("source_size", &OffsetMap::source_size)
      .def("__eq__",
           [](const OffsetMap& a, py::object b) {
             return py::isinstance<OffsetMap>(b) &&
                    a == b.cast<const OffsetMap&>();
           })
      .def(py::pickle(&StateOf, &FromState))
      // Through a module-level function, which every pickle protocol takes
      // (py::pickle alone needs protocol 2 or later).
      .def("__reduce__", [m](const OffsetMap& map) {
        return py::make_tuple(m.attr("_offset_map_from_state"),
                              py::make_tuple(StateOf(map)));
      });
  m.def("_offset_map_from_state", &FromState);
  AddFastMethod(cls, &source_span_def);
}

}  // namespace kalima::python
