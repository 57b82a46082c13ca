// kalima._kalima: the private extension module. Each primitive registers its
// classes from its own register_*.cc file.
#include <pybind11/pybind11.h>

#include "pystr.h"

namespace kalima::python {
void RegisterOffsetMap(py::module_& m);
void RegisterNormalize(py::module_& m);
void RegisterTokenize(py::module_& m);
void RegisterSegment(py::module_& m);
void RegisterGazetteer(py::module_& m);
}  // namespace kalima::python

PYBIND11_MODULE(_kalima, m) {
  namespace py = pybind11;
  m.doc() = "kalima's C++ core. Use the kalima package, not this module.";
  py::object error =
      py::reinterpret_steal<py::object>(PyErr_NewExceptionWithDoc(
          "kalima.Error", "Base class of kalima's own errors.", nullptr,
          nullptr));
  m.attr("Error") = error;
  kalima::python::SetErrorType(error.release());
  m.def("one_argument_fast_path", &kalima::python::OneArgumentFastPath,
        py::arg("name"), py::arg("doc"), py::arg("module"), py::arg("fast"),
        py::arg("general"));
  kalima::python::RegisterOffsetMap(m);
  kalima::python::RegisterNormalize(m);
  kalima::python::RegisterTokenize(m);
  kalima::python::RegisterSegment(m);
  kalima::python::RegisterGazetteer(m);
  kalima::python::GuardInstances(m);
}
