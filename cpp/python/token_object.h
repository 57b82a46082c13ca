// kalima.Token: the Python object for one token. A plain C type rather than a
// pybind11 class or a struct sequence, because loops over tokens make millions
// of them: it is allocated without the cyclic GC, and its text is cut from the
// source str only when first read.
#ifndef KALIMA_CPP_PYTHON_TOKEN_OBJECT_H_
#define KALIMA_CPP_PYTHON_TOKEN_OBJECT_H_

#include <pybind11/pybind11.h>

#include <cstddef>

namespace kalima::python {

namespace py = pybind11;

// Creates the type and adds it to `m` as "Token".
void RegisterTokenType(py::module_& m);

// A new Token for [start, end) of `source` (a str) with `kind` (a str), or
// nullptr with an exception set.
PyObject* NewToken(PyObject* source, size_t start, size_t end, PyObject* kind);

}  // namespace kalima::python

#endif  // KALIMA_CPP_PYTHON_TOKEN_OBJECT_H_
