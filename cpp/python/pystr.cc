#include "pystr.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <string>

namespace kalima::python {
namespace {

py::handle error_type;

template <typename Unit>
uint32_t OrOfUnits(std::basic_string_view<Unit> units) {
  // OR-ing every unit gives a value whose highest set bit is that of the
  // largest unit: exactly what choosing PEP 393's layout needs.
  uint32_t acc = 0;
  for (Unit u : units) acc |= static_cast<uint32_t>(u);
  return acc;
}

template <typename From, typename To>
void Narrow(std::basic_string_view<From> units, To* out) {
  for (size_t i = 0; i < units.size(); ++i) out[i] = static_cast<To>(units[i]);
}

template <typename Unit>
Py_UCS4 MaxCharFor(std::basic_string_view<Unit> units) {
  const uint32_t acc = OrOfUnits(units);
  return acc < 0x80      ? 0x7F
         : acc < 0x100   ? 0xFF
         : acc < 0x10000 ? 0xFFFF
                         : 0x10FFFF;
}

template <typename Unit>
void Fill(std::basic_string_view<Unit> units, PyObject* obj) {
  void* data = PyUnicode_DATA(obj);
  switch (PyUnicode_KIND(obj)) {
    case PyUnicode_1BYTE_KIND:
      Narrow(units, static_cast<Py_UCS1*>(data));
      break;
    case PyUnicode_2BYTE_KIND:
      if constexpr (sizeof(Unit) == 2) {
        std::memcpy(data, units.data(), units.size() * 2);
      } else {
        Narrow(units, static_cast<Py_UCS2*>(data));
      }
      break;
    default:
      Narrow(units, static_cast<Py_UCS4*>(data));
      break;
  }
}

template <typename Unit>
py::str MakeStrFrom(std::basic_string_view<Unit> units) {
  PyObject* obj =
      PyUnicode_New(static_cast<Py_ssize_t>(units.size()), MaxCharFor(units));
  if (obj == nullptr) throw py::error_already_set();
  Fill(units, obj);
  return py::reinterpret_steal<py::str>(obj);
}

}  // namespace

namespace {

[[noreturn]] void ThrowNotStr(py::handle obj, const std::string& what) {
  throw py::type_error(what + " must be str, not " +
                       Py_TYPE(obj.ptr())->tp_name);
}

StrView ViewOf(py::handle obj) {
  StrView view;
  view.kind = PyUnicode_KIND(obj.ptr());
  view.data = PyUnicode_DATA(obj.ptr());
  view.length = static_cast<size_t>(PyUnicode_GET_LENGTH(obj.ptr()));
  return view;
}

}  // namespace

StrView ViewStr(py::handle obj, const char* what) {
  if (!PyUnicode_Check(obj.ptr())) ThrowNotStr(obj, what);
  return ViewOf(obj);
}

StrView ViewStr(py::handle obj, const char* what, size_t index) {
  if (!PyUnicode_Check(obj.ptr())) {
    ThrowNotStr(obj, std::string(what) + "[" + std::to_string(index) + "]");
  }
  return ViewOf(obj);
}

py::str ExactStr(py::handle text) {
  PyObject* exact = PyUnicode_FromObject(text.ptr());
  if (exact == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(exact);
}

size_t CheckedIndex(Py_ssize_t index, size_t size, const char* what) {
  if (index < 0) index += static_cast<Py_ssize_t>(size);
  if (index < 0 || static_cast<size_t>(index) >= size) {
    throw py::index_error(std::string(what) + " index out of range");
  }
  return static_cast<size_t>(index);
}

// Encoded here rather than by CPython, which makes a bytes object for each
// str (or keeps a UTF-8 copy inside it): add_many converts a million names.
bool TryAppendUtf8(const StrView& str, std::string* out, size_t* surrogate_at) {
  const size_t start = out->size();
  out->resize(start + str.length * (str.kind == 1 ? 2 : str.kind == 2 ? 3 : 4));
  char* at = out->data() + start;
  auto encode = [&](auto units) {
    for (size_t i = 0; i < units.size(); ++i) {
      const char32_t c = units[i];
      if (c >= 0xD800 && c <= 0xDFFF) {
        *surrogate_at = i;
        return false;
      }
      if (c < 0x80) {
        *at++ = static_cast<char>(c);
      } else if (c < 0x800) {
        *at++ = static_cast<char>(0xC0 | c >> 6);
        *at++ = static_cast<char>(0x80 | (c & 0x3F));
      } else if (c < 0x10000) {
        *at++ = static_cast<char>(0xE0 | c >> 12);
        *at++ = static_cast<char>(0x80 | (c >> 6 & 0x3F));
        *at++ = static_cast<char>(0x80 | (c & 0x3F));
      } else {
        *at++ = static_cast<char>(0xF0 | c >> 18);
        *at++ = static_cast<char>(0x80 | (c >> 12 & 0x3F));
        *at++ = static_cast<char>(0x80 | (c >> 6 & 0x3F));
        *at++ = static_cast<char>(0x80 | (c & 0x3F));
      }
    }
    return true;
  };
  const bool encoded = str.kind == 1   ? encode(str.latin1())
                       : str.kind == 2 ? encode(str.ucs2())
                                       : encode(str.utf32());
  out->resize(encoded ? static_cast<size_t>(at - out->data()) : start);
  return encoded;
}

std::optional<size_t> LoneSurrogateAt(const StrView& str) {
  auto find = [](auto units) -> std::optional<size_t> {
    for (size_t i = 0; i < units.size(); ++i) {
      if (units[i] >= 0xD800 && units[i] <= 0xDFFF) return i;
    }
    return std::nullopt;
  };
  if (str.kind == 1) return std::nullopt;  // Latin-1 holds none.
  return str.kind == 2 ? find(str.ucs2()) : find(str.utf32());
}

void AppendUtf8(py::handle str, const std::string& what, std::string* out) {
  size_t surrogate_at = 0;
  if (!TryAppendUtf8(ViewStr(str, what.c_str()), out, &surrogate_at)) {
    throw py::value_error(what + " has a lone surrogate at index " +
                          std::to_string(surrogate_at));
  }
}

std::string Utf8Of(py::handle obj, const char* what) {
  if (!PyUnicode_Check(obj.ptr())) ThrowNotStr(obj, what);
  std::string out;
  AppendUtf8(obj, what, &out);
  return out;
}

py::str MakeStr(std::u16string_view units) { return MakeStrFrom(units); }
py::str MakeStr(std::u32string_view units) { return MakeStrFrom(units); }

PyTypeObject* MakeStructType(const char* name, const char* doc,
                             PyStructSequence_Field* fields, int count) {
  PyStructSequence_Desc desc = {name, doc, fields, count};
  PyTypeObject* type = PyStructSequence_NewType(&desc);
  if (type == nullptr) throw py::error_already_set();
  return type;
}

void ThrowIfError(const absl::Status& status) {
  if (status.ok()) return;
  PyObject* type = nullptr;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      type = PyExc_ValueError;
      break;
    case absl::StatusCode::kNotFound:
      type = PyExc_FileNotFoundError;
      break;
    case absl::StatusCode::kPermissionDenied:
      type = PyExc_PermissionError;
      break;
    case absl::StatusCode::kFailedPrecondition:  // A file that is a directory.
      type = PyExc_IsADirectoryError;
      break;
    case absl::StatusCode::kDataLoss:
      type = PyExc_OSError;
      break;
    default:
      type = error_type.ptr();
  }
  // Made from its bytes and size: a message quoting the caller's text may
  // hold a NUL, which a C string would cut. Bytes that are not UTF-8 come
  // from a file name, and become the surrogates os.fsdecode gives it, so
  // that the message quotes the path as the caller wrote it.
  const absl::string_view message = status.message();
  const py::object text =
      py::reinterpret_steal<py::object>(PyUnicode_DecodeUTF8(
          message.data(), static_cast<Py_ssize_t>(message.size()),
          "surrogateescape"));
  if (!text) throw py::error_already_set();
  if (type == PyExc_IsADirectoryError) {
    // With its errno, as open() gives it (e.errno == errno.EISDIR).
    PyErr_SetObject(type, py::make_tuple(EISDIR, text).ptr());
  } else {
    PyErr_SetObject(type, text.ptr());
  }
  throw py::error_already_set();
}

void SetErrorType(py::handle type) { error_type = type; }

namespace {

// pybind11 (3.1 as well) makes every instance, whether returned from C++
// or constructed from Python, with type->tp_alloc and uses it without
// checking for null: an allocation that fails crashes the process. Each
// kalima class allocates through this instead, whose exception reaches a
// C++ handler that raises MemoryError: pybind11's dispatcher or a fast
// method for a returned instance, NewOrNoMemory for a constructed one.
PyObject* AllocateOrThrow(PyTypeObject* type, Py_ssize_t items) {
  PyObject* object = PyType_GenericAlloc(type, items);
  if (object == nullptr) throw std::bad_alloc();
  return object;
}

newfunc pybind11_new = nullptr;

PyObject* NewOrNoMemory(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  // A Python subclass (kalima.Normalizer) gets CPython's allocator when its
  // class statement runs, and comes here through __new__: swapped here.
  if (type->tp_alloc != &AllocateOrThrow) type->tp_alloc = &AllocateOrThrow;
  try {
    return pybind11_new(type, args, kwargs);
  } catch (const std::bad_alloc&) {
    return PyErr_NoMemory();
  }
}

// Cls.__new__(subclass, ...), `self` being Cls: CPython's own __new__ for a
// class (inherited from pybind11's base) refuses a class whose tp_new is
// not the base's, as NewOrNoMemory is not.
PyObject* NewMethod(PyObject* self, PyObject* args, PyObject* kwargs) {
  if (PyTuple_GET_SIZE(args) < 1) {
    PyErr_Format(PyExc_TypeError, "%s.__new__(): not enough arguments",
                 reinterpret_cast<PyTypeObject*>(self)->tp_name);
    return nullptr;
  }
  PyObject* subtype = PyTuple_GET_ITEM(args, 0);
  if (!PyType_Check(subtype) ||
      !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(subtype),
                        reinterpret_cast<PyTypeObject*>(self))) {
    PyErr_Format(PyExc_TypeError, "%s.__new__(X): X is not a subtype of %s",
                 reinterpret_cast<PyTypeObject*>(self)->tp_name,
                 reinterpret_cast<PyTypeObject*>(self)->tp_name);
    return nullptr;
  }
  PyObject* rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
  if (rest == nullptr) return nullptr;
  PyObject* made =
      NewOrNoMemory(reinterpret_cast<PyTypeObject*>(subtype), rest, kwargs);
  Py_DECREF(rest);
  return made;
}

PyMethodDef new_method = {
    "__new__",
    reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&NewMethod)),
    METH_VARARGS | METH_KEYWORDS,
    "Create and return a new object (a MemoryError if none can be made)."};

// pybind11 hands a method called on an instance whose __init__ (or
// __setstate__) never ran (made by Cls.__new__(Cls)) fresh uninitialised
// memory as its object, got from the class's operator_new hook: every
// kalima class's hook refuses instead.
void* RefuseUninitialised(size_t) {
  throw py::type_error(
      "this kalima object was never initialised (made by __new__ without "
      "__init__)");
}

// Whether `self`, an instance of pybind11 class `type` (or of a Python
// class deriving from it, maybe among other kalima classes), holds its
// value of `type`.
bool Initialised(PyObject* self, PyTypeObject* type) {
  if (!PyObject_TypeCheck(self, type)) return false;
  const py::detail::type_info* info = py::detail::get_type_info(type);
  py::detail::values_and_holders values(
      reinterpret_cast<py::detail::instance*>(self));
  auto value = values.find(info);
  return value != values.end() && value->holder_constructed();
}

// __init__ and __setstate__ wrapped, `bound` being (pybind11's function,
// its class): on an object already made, pybind11 does nothing at all (the
// object keeps its first value, without a word), so the call is refused.
PyObject* OnlyOnce(PyObject* bound, PyObject* args, PyObject* kwargs) {
  PyObject* original = PyTuple_GET_ITEM(bound, 0);
  auto* type = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(bound, 1));
  bool initialised = false;
  try {
    initialised = PyTuple_GET_SIZE(args) > 0 &&
                  Initialised(PyTuple_GET_ITEM(args, 0), type);
  } catch (const std::bad_alloc&) {  // Looking up a subclass's bases.
    return PyErr_NoMemory();
  }
  if (initialised) {
    PyErr_Format(PyExc_TypeError,
                 "this %s object is already initialised: make a new one",
                 type->tp_name);
    return nullptr;
  }
  return PyObject_Call(original, args, kwargs);
}

// Replaces the class's own `name` (if it has one, a method pybind11 made)
// by OnlyOnce around it, with the same name and docstring.
void CallOnlyOnce(py::handle type, const char* name) {
  PyObject* dict = reinterpret_cast<PyTypeObject*>(type.ptr())->tp_dict;
  PyObject* method = PyDict_GetItemString(dict, name);
  if (method == nullptr || !PyInstanceMethod_Check(method)) return;
  py::object original =
      py::reinterpret_borrow<py::object>(PyInstanceMethod_GET_FUNCTION(method));
  py::object doc = original.attr("__doc__");
  // CPython keeps the definition for as long as the function lives, which
  // is as long as the class: made once per class at import, and kept.
  auto* definition = new PyMethodDef{
      name, reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&OnlyOnce)),
      METH_VARARGS | METH_KEYWORDS,
      doc.is_none() ? nullptr
                    : (new std::string(doc.cast<std::string>()))->c_str()};
  py::object wrapper = py::reinterpret_steal<py::object>(PyCFunction_NewEx(
      definition, py::make_tuple(original, type).ptr(), nullptr));
  if (!wrapper) throw py::error_already_set();
  py::object bound =
      py::reinterpret_steal<py::object>(PyInstanceMethod_New(wrapper.ptr()));
  if (!bound) throw py::error_already_set();
  type.attr(name) = bound;
}

}  // namespace

void GuardInstances(py::module_& module) {
  for (py::handle name : module.attr("__dict__")) {
    py::handle value = module.attr(name);
    if (!PyType_Check(value.ptr())) continue;
    auto* type = reinterpret_cast<PyTypeObject*>(value.ptr());
    py::detail::type_info* info = py::detail::get_type_info(type);
    if (info == nullptr) continue;  // Not a pybind11 class.
    if (pybind11_new == nullptr) pybind11_new = type->tp_new;
    if (type->tp_new != pybind11_new || type->tp_alloc != PyType_GenericAlloc ||
        info->operator_new != nullptr) {
      throw std::logic_error(std::string("unexpected allocation slots in ") +
                             type->tp_name);
    }
    py::object new_function = py::reinterpret_steal<py::object>(
        PyCFunction_NewEx(&new_method, value.ptr(), nullptr));
    if (!new_function) throw py::error_already_set();
    // Setting __new__ makes CPython call it through a slot; the slot is then
    // set to the function itself, which makes one call fewer.
    value.attr("__new__") = new_function;
    type->tp_alloc = &AllocateOrThrow;
    type->tp_new = &NewOrNoMemory;
    info->operator_new = &RefuseUninitialised;
    CallOnlyOnce(value, "__init__");
    CallOnlyOnce(value, "__setstate__");
  }
}

int ThreadsArgument(py::handle threads, const char* name) {
  if (!PyLong_Check(threads.ptr()) || PyBool_Check(threads.ptr())) {
    throw py::type_error(std::string(name) + "(): threads must be int, not " +
                         Py_TYPE(threads.ptr())->tp_name);
  }
  int overflow = 0;
  const long value = PyLong_AsLongAndOverflow(threads.ptr(), &overflow);
  if (value == -1 && PyErr_Occurred()) throw py::error_already_set();
  if (overflow != 0 || value < std::numeric_limits<int>::min() ||
      value > std::numeric_limits<int>::max()) {
    throw py::value_error(std::string(name) + "(): threads out of range");
  }
  if (value < 0) {
    throw py::value_error(std::string(name) +
                          "(): threads must be 0 (one per core) or more, not " +
                          std::to_string(value));
  }
  return static_cast<int>(value);
}

void ParseArguments(PyObject* const* args, Py_ssize_t nargsf, PyObject* kwnames,
                    const char* name, std::span<const char* const> names,
                    size_t required, PyObject** given) {
  const auto positional = static_cast<size_t>(PyVectorcall_NARGS(nargsf));
  const std::string call = std::string(name) + "()";
  if (positional > names.size()) {
    throw py::type_error(call + " takes at most " +
                         std::to_string(names.size()) +
                         (names.size() == 1 ? " argument" : " arguments"));
  }
  for (size_t k = 0; k < names.size(); ++k) {
    given[k] = k < positional ? args[k] : nullptr;
  }
  const Py_ssize_t keywords =
      kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  for (Py_ssize_t k = 0; k < keywords; ++k) {
    PyObject* keyword = PyTuple_GET_ITEM(kwnames, k);
    size_t slot = 0;
    while (slot < names.size() &&
           PyUnicode_CompareWithASCIIString(keyword, names[slot]) != 0) {
      ++slot;
    }
    if (slot == names.size()) {
      const char* spelled = PyUnicode_AsUTF8(keyword);
      if (spelled == nullptr) PyErr_Clear();
      throw py::type_error(call + " got an unexpected keyword argument '" +
                           (spelled == nullptr ? "?" : spelled) + "'");
    }
    if (given[slot] != nullptr) {
      throw py::type_error(call + " got multiple values for argument '" +
                           names[slot] + "'");
    }
    given[slot] = args[positional + static_cast<size_t>(k)];
  }
  for (size_t k = 0; k < required; ++k) {
    if (given[k] == nullptr) {
      throw py::type_error(call + " missing required argument '" + names[k] +
                           "'");
    }
  }
}

std::pair<py::handle, int> BatchArguments(PyObject* const* args,
                                          Py_ssize_t nargsf, PyObject* kwnames,
                                          const char* name) {
  static constexpr const char* kNames[] = {"texts", "threads"};
  PyObject* given[2];
  ParseArguments(args, nargsf, kwnames, name, kNames, 1, given);
  const int threads = given[1] == nullptr ? 0 : ThreadsArgument(given[1], name);
  return {py::handle(given[0]), threads};
}

void AddFastMethod(py::handle cls, PyMethodDef* def) {
  // A method descriptor, like a method of a built-in type: CPython calls it
  // without making a bound method first (LOAD_METHOD), and a bound one
  // still pickles.
  py::object method = py::reinterpret_steal<py::object>(
      PyDescr_NewMethod(reinterpret_cast<PyTypeObject*>(cls.ptr()), def));
  if (!method) throw py::error_already_set();
  cls.attr(def->ml_name) = method;
}

namespace {

// The state of the private module each such function is bound to. Bound to
// a module, the function has the repr of a plain built-in function and
// pickles by its qualified name.
struct FastPath {
  PyObject* fast;
  PyObject* general;
};

FastPath* PathsOf(PyObject* holder) {
  return static_cast<FastPath*>(PyModule_GetState(holder));
}

// The garbage collector sees (and can break) the cycle through the state:
// the general function's globals hold the built-in, which holds this.
int TraverseFastPath(PyObject* holder, visitproc visit, void* arg) {
  if (FastPath* paths = PathsOf(holder)) {
    Py_VISIT(paths->fast);
    Py_VISIT(paths->general);
  }
  return 0;
}

int ClearFastPath(PyObject* holder) {
  if (FastPath* paths = PathsOf(holder)) {
    Py_CLEAR(paths->fast);
    Py_CLEAR(paths->general);
  }
  return 0;
}

void FreeFastPath(void* holder) {
  ClearFastPath(static_cast<PyObject*>(holder));
}

PyObject* CallOneArgumentFastPath(PyObject* self, PyObject* const* args,
                                  Py_ssize_t nargs, PyObject* kwnames) {
  const FastPath* paths = PathsOf(self);
  if (paths == nullptr || paths->fast == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "called while being torn down");
    return nullptr;
  }
  if (nargs == 1 && (kwnames == nullptr || PyTuple_GET_SIZE(kwnames) == 0)) {
    return PyObject_Vectorcall(paths->fast, args, 1, nullptr);
  }
  return PyObject_Vectorcall(paths->general, args, nargs, kwnames);
}

}  // namespace

py::object OneArgumentFastPath(const std::string& name, const std::string& doc,
                               const std::string& module, py::object fast,
                               py::object general) {
  // CPython keeps pointers to these definitions and their strings for the
  // life of the function and its module; such functions are made once, at
  // import, so the definitions (a few hundred bytes) are never freed.
  const char* module_name = (new std::string(module + "." + name))->c_str();
  auto* module_def =
      new PyModuleDef{PyModuleDef_HEAD_INIT, module_name,    nullptr,
                      sizeof(FastPath),      nullptr,        nullptr,
                      &TraverseFastPath,     &ClearFastPath, &FreeFastPath};
  auto* def = new PyMethodDef{
      (new std::string(name))->c_str(),
      reinterpret_cast<PyCFunction>(
          reinterpret_cast<void*>(&CallOneArgumentFastPath)),
      METH_FASTCALL | METH_KEYWORDS, (new std::string(doc))->c_str()};
  py::object holder =
      py::reinterpret_steal<py::object>(PyModule_Create(module_def));
  if (!holder) throw py::error_already_set();
  *static_cast<FastPath*>(PyModule_GetState(holder.ptr())) = {
      fast.release().ptr(), general.release().ptr()};
  py::str owner(module);
  PyObject* function = PyCFunction_NewEx(def, holder.ptr(), owner.ptr());
  if (function == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(function);
}

StrItems::StrItems(py::handle texts) {
  auto not_texts = [&] {
    const char* why = PyAnySet_Check(texts.ptr())
                          ? ": a set has no order for the results to follow "
                            "(make it a sorted list)"
                      : PyDict_Check(texts.ptr())
                          ? ": pass its keys() or values()"
                          : "";
    return py::type_error(
        std::string("texts must be an iterable of str (a list, a tuple, a "
                    "pandas Series...), not ") +
        Py_TYPE(texts.ptr())->tp_name + why);
  };
  // A tuple is kept as it is; a list's items are taken into a new tuple
  // as they are viewed; any other iterable's (a pandas Series, a generator)
  // into a tuple first. A str or bytes is one text, not several; a set has
  // no order the results could follow, and a dict gives its keys (a mistake,
  // most likely).
  PyObject* object = texts.ptr();
  const bool iterable =
      Py_TYPE(object)->tp_iter != nullptr || PySequence_Check(object);
  if (!iterable || PyUnicode_Check(object) || PyBytes_Check(object) ||
      PyByteArray_Check(object) || PyAnySet_Check(object) ||
      PyDict_Check(object)) {
    throw not_texts();
  }
  if (PyTuple_Check(object)) {
    items_ = py::reinterpret_borrow<py::tuple>(texts);
  } else if (!PyList_Check(object)) {
    // Errors of the iterable's own (its __iter__, a generator's) as raised.
    items_ = py::reinterpret_steal<py::tuple>(PySequence_Tuple(object));
    if (!items_) throw py::error_already_set();
  } else {
    const Py_ssize_t size = PyList_GET_SIZE(texts.ptr());
    items_ = py::reinterpret_steal<py::tuple>(PyTuple_New(size));
    if (!items_) throw py::error_already_set();
    copying_ = true;
    // Making the tuple may have run a collection, and finalisers that
    // change the list: then it is copied the general way.
    if (PyList_GET_SIZE(texts.ptr()) != size) {
      items_ = py::reinterpret_steal<py::tuple>(PySequence_Tuple(texts.ptr()));
      if (!items_) throw py::error_already_set();
      copying_ = false;
    }
  }
  size_ = static_cast<size_t>(PyTuple_GET_SIZE(items_.ptr()));
  source_ = copying_ ? PySequence_Fast_ITEMS(texts.ptr())
                     : &PyTuple_GET_ITEM(items_.ptr(), 0);
}

CodePointsView StrItems::View(size_t i) {
  // The strs' headers, fetched a few ahead: a long batch has them spread far
  // beyond the cache.
  constexpr size_t kAhead = 8;
  if (i + kAhead < size_) __builtin_prefetch(source_[i + kAhead]);
  PyObject* item = source_[i];
  if (copying_) {
    Py_INCREF(item);
    PyTuple_SET_ITEM(items_.ptr(), static_cast<Py_ssize_t>(i), item);
  }
  return ViewStr(item, "texts", i).code_points();
}

py::tuple ViewStrs(py::handle texts, std::vector<CodePointsView>* views) {
  StrItems items(texts);
  views->resize(items.size());
  for (size_t i = 0; i < items.size(); ++i) (*views)[i] = items.View(i);
  return items.strs();
}

std::function<absl::Status()> SignalCheck() {
  // Looked up each time (only long calls ask): a function-local static
  // made under the GIL can deadlock with a second thread.
  const py::object ident =
      py::module_::import("threading").attr("main_thread")().attr("ident");
  if (ident.cast<unsigned long>() != PyThread_get_thread_ident()) return {};
  return [schedule = GilSchedule(std::chrono::milliseconds(20))]() mutable {
    if (!schedule.Due()) return absl::OkStatus();
    return schedule.WithGil([] {
      return PyErr_CheckSignals() == 0 ? absl::OkStatus()
                                       : absl::CancelledError("interrupted");
    });
  };
}

void RaiseIfSignalled() {
  if (PyErr_Occurred() != nullptr) throw py::error_already_set();
}

}  // namespace kalima::python
