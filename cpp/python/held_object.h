// A plain C type holding one C++ value (kalima.Tokens, kalima.Matches,
// kalima.OffsetMap): per-line calls make one per call, and a pybind11 class
// would enter every instance in a process-wide table and take it out again
// when it goes. Made bare by __new__ (as unpickling does, before the
// __setstate__ a type may define), an object refuses every use with
// TypeError until it holds a value.
#ifndef KALIMA_CPP_PYTHON_HELD_OBJECT_H_
#define KALIMA_CPP_PYTHON_HELD_OBJECT_H_

#include <pybind11/pybind11.h>

#include <new>
#include <string>
#include <utility>
#include <vector>

namespace kalima::python {

namespace py = pybind11;

template <typename T>
class HeldObject {
 public:
  struct Object {
    PyObject_HEAD bool holds;
    alignas(T) unsigned char storage[sizeof(T)];
  };

  // Creates the type kalima.<name> with `slots` (without their sentinel;
  // __new__ and dealloc are added here), adds it to `m` as <name> and keeps
  // it for the process.
  static void CreateType(py::module_& m, const char* name,
                         std::vector<PyType_Slot> slots) {
    name_ = name;
    static std::string qualified;
    qualified = std::string("kalima.") + name;
    static std::vector<PyType_Slot> all_slots;
    all_slots = std::move(slots);
    all_slots.push_back({Py_tp_new, reinterpret_cast<void*>(&New)});
    all_slots.push_back({Py_tp_dealloc, reinterpret_cast<void*>(&Dealloc)});
    all_slots.push_back({0, nullptr});
    static PyType_Spec spec;
    spec = {qualified.c_str(), static_cast<int>(sizeof(Object)), 0,
            Py_TPFLAGS_DEFAULT, all_slots.data()};
    PyObject* type = PyType_FromSpec(&spec);
    if (type == nullptr) throw py::error_already_set();
    type_ = reinterpret_cast<PyTypeObject*>(type);
    // The reference PyType_FromSpec gave is kept: Make reads the type for as
    // long as the process runs, whatever becomes of the attribute.
    m.attr(name) = py::reinterpret_borrow<py::object>(type);
  }

  // A new object holding `value`.
  static py::object Make(T value) {
    Object* self = PyObject_New(Object, type_);
    if (self == nullptr) throw py::error_already_set();
    new (self->storage) T(std::move(value));
    self->holds = true;
    return py::reinterpret_steal<py::object>(reinterpret_cast<PyObject*>(self));
  }

  static bool Check(py::handle object) {
    return PyObject_TypeCheck(object.ptr(), type_);
  }

  static PyTypeObject* Type() { return type_; }

  // The T `self` holds, or null for a bare object.
  static T* Held(PyObject* self) {
    auto* object = reinterpret_cast<Object*>(self);
    return object->holds ? std::launder(reinterpret_cast<T*>(object->storage))
                         : nullptr;
  }

  // The T `self` holds; TypeError naming `use` if it holds none.
  static const T& ValueOf(PyObject* self, const char* use) {
    const T* held = Held(self);
    if (held == nullptr) {
      throw py::type_error(std::string(use) + " needs an initialised kalima." +
                           name_);
    }
    return *held;
  }

  // Makes bare `self` hold `value`; TypeError if it already holds one.
  static void Fill(PyObject* self, T value) {
    auto* object = reinterpret_cast<Object*>(self);
    if (object->holds) {
      throw py::type_error(std::string("kalima.") + name_ +
                           " is already initialised");
    }
    new (object->storage) T(std::move(value));
    object->holds = true;
  }

  // len(self), the held value's (value.*kSize)(); TypeError for a bare
  // object.
  template <size_t (T::*kSize)() const>
  static Py_ssize_t Length(PyObject* self) {
    const T* held = Held(self);
    if (held == nullptr) {
      PyErr_Format(PyExc_TypeError, "len() needs an initialised kalima.%s",
                   name_);
      return -1;
    }
    return static_cast<Py_ssize_t>((held->*kSize)());
  }

 protected:
  inline static const char* name_ = "";

 private:
  static PyObject* New(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
    if (PyTuple_GET_SIZE(args) != 0 || (kwargs && PyDict_GET_SIZE(kwargs))) {
      PyErr_Format(PyExc_TypeError, "kalima.%s() takes no arguments", name_);
      return nullptr;
    }
    auto* self = reinterpret_cast<Object*>(type->tp_alloc(type, 0));
    if (self != nullptr) self->holds = false;
    return reinterpret_cast<PyObject*>(self);
  }

  static void Dealloc(PyObject* self) {
    PyTypeObject* type = Py_TYPE(self);
    if (T* held = Held(self)) held->~T();
    type->tp_free(self);
    Py_DECREF(type);  // Instances of heap types hold a reference to the type.
  }

  inline static PyTypeObject* type_ = nullptr;
};

}  // namespace kalima::python

#endif  // KALIMA_CPP_PYTHON_HELD_OBJECT_H_
