// Conversions between CPython str objects (PEP 393 storage, read in place)
// and kalima's fixed-width code point buffers, plus status -> exception.
#ifndef KALIMA_CPP_PYTHON_PYSTR_H_
#define KALIMA_CPP_PYTHON_PYSTR_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <exception>
#include <new>
#include <span>
#include <string>

#include "absl/status/status.h"

namespace kalima::python {

namespace py = pybind11;

// Inputs at least this long (code points) are processed without the GIL.
inline constexpr size_t kReleaseGilAt = 1 << 15;

// A str's storage, borrowed: valid while the str is alive.
struct StrView {
  int kind = 1;  // 1, 2 or 4 bytes per code point.
  const void* data = nullptr;
  size_t length = 0;

  std::span<const uint8_t> latin1() const {
    return {static_cast<const uint8_t*>(data), length};
  }
  std::span<const char16_t> ucs2() const {
    return {static_cast<const char16_t*>(data), length};
  }
  std::span<const char32_t> utf32() const {
    return {static_cast<const char32_t*>(data), length};
  }
};

// TypeError unless `obj` is a str; `what` names the argument in the message.
StrView ViewStr(py::handle obj, const char* what);
// The same for item `index` of a sequence argument named `what` (the
// message says "what[index]"; it is built only on failure).
StrView ViewStr(py::handle obj, const char* what, size_t index);

// A new str holding the code points of `units`, in CPython's canonical
// (narrowest) layout.
py::str MakeStr(std::u16string_view units);
py::str MakeStr(std::u32string_view units);

// The same in two steps, for batches: the maxchar PyUnicode_New needs for
// `units` (computable without the GIL), and copying `units` into a str made
// by PyUnicode_New(units.size(), MaxCharBound(units)) and not yet shared
// (no GIL needed).
Py_UCS4 MaxCharBound(std::u16string_view units);
Py_UCS4 MaxCharBound(std::u32string_view units);
void FillStr(std::u16string_view units, PyObject* str);
void FillStr(std::u32string_view units, PyObject* str);

// Raises the Python exception for a non-OK status: InvalidArgument and
// OutOfRange -> ValueError, NotFound -> FileNotFoundError, others ->
// kalima.Error.
void ThrowIfError(const absl::Status& status);

// Adds `def` (a METH_FASTCALL function taking self first) to `cls` as a
// method named def->ml_name: for per-line calls, where pybind11's general
// dispatcher would cost as much as the work.
void AddFastMethod(py::handle cls, PyMethodDef* def);

// Runs `body` (which returns a new reference) for a METH_FASTCALL function,
// which bypasses pybind11's dispatcher: C++ exceptions become Python ones
// (std::bad_alloc becomes MemoryError) and the result is nullptr.
template <typename Body>
PyObject* CallTranslatingExceptions(Body&& body) {
  try {
    return body();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (py::builtin_exception& e) {
    e.set_error();
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

// The C++ object of `self`, or TypeError(`message`) if it is not one.
template <typename T>
const T& SelfAs(PyObject* self, const char* message) {
  if (!py::isinstance<T>(self)) throw py::type_error(message);
  return py::cast<const T&>(py::handle(self));
}

// Sets the kalima.Error exception class (created by the module).
void SetErrorType(py::handle type);

}  // namespace kalima::python

#endif  // KALIMA_CPP_PYTHON_PYSTR_H_
