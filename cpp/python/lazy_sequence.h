// The results of one text kept compact (kalima.Tokens, kalima.Matches): the
// text and an array, Python objects made only when looked at, as a plain C
// type holding them (see held_object.h): a pybind11 class was a third of
// tokenize per line in a profile, a tenth of Gazetteer.find.
#ifndef KALIMA_CPP_PYTHON_LAZY_SEQUENCE_H_
#define KALIMA_CPP_PYTHON_LAZY_SEQUENCE_H_

#include <pybind11/pybind11.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "held_object.h"
#include "pystr.h"

namespace kalima::python {

namespace py = pybind11;

// `T` has `text` (a str), size(), and Item(i) (a new object for item i).

// Every item, in order.
template <typename T>
py::list LazyAll(const T& items) {
  return ItemList(0, 1, items.size(), [&](size_t i) { return items.Item(i); });
}

// The C type kalima.<name> holding a T, with the sequence protocol.
template <typename T>
class LazySequence : public HeldObject<T> {
  using Base = HeldObject<T>;

 public:
  using Base::Check;
  using Base::Fill;
  using Base::Make;
  using Base::ValueOf;

  // Creates the type, kalima.<name> with `doc`, with the sequence protocol
  // (text, len, [i] and [slice], iteration, in, index(), count(),
  // to_list()) and `methods` and `slots` of its own (without their
  // sentinels), adds it to `m` as <name> and keeps it for the process.
  static void Register(py::module_& m, const char* name, const char* doc,
                       std::vector<PyMethodDef> methods,
                       std::vector<PyType_Slot> slots) {
    // PyType_FromSpec copies the slots but not the method table.
    static std::vector<PyMethodDef> all_methods;
    all_methods = {
        {"to_list", &ToList, METH_NOARGS,
         "to_list() -> list\n\nEvery item, in order."},
        {"index",
         reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&Index)),
         METH_VARARGS | METH_KEYWORDS,
         "index(value, start=0, stop=sys.maxsize) -> int\n\nWhere value "
         "first is, as list.index."},
        {"count", &Count, METH_O,
         "count(value) -> int\n\nHow many times value is there."}};
    all_methods.insert(all_methods.end(), methods.begin(), methods.end());
    all_methods.push_back({nullptr, nullptr, 0, nullptr});
    static PyGetSetDef getsets[] = {
        {"text", &Text, nullptr, "the text the items are of", nullptr},
        {nullptr, nullptr, nullptr, nullptr, nullptr}};
    constexpr auto kLength = &Base::template Length<&T::size>;
    std::vector<PyType_Slot> all_slots = {
        {Py_tp_doc, const_cast<char*>(doc)},
        {Py_tp_iter, reinterpret_cast<void*>(&Iter)},
        {Py_mp_length, reinterpret_cast<void*>(kLength)},
        {Py_mp_subscript, reinterpret_cast<void*>(&Subscript)},
        {Py_sq_length, reinterpret_cast<void*>(kLength)},
        {Py_sq_item, reinterpret_cast<void*>(&ItemAt)},
        {Py_sq_contains, reinterpret_cast<void*>(&Contains)},
        {Py_tp_methods, all_methods.data()},
        {Py_tp_getset, getsets}};
    all_slots.insert(all_slots.end(), slots.begin(), slots.end());
    Base::CreateType(m, name, std::move(all_slots));
  }

  // A method `name`() returning (t.*kList)(), as METH_NOARGS wants it.
  template <py::list (T::*kList)() const, const char* kName>
  static PyObject* ListMethod(PyObject* self, PyObject*) {
    return NewReferenceOf([&] { return (ValueOf(self, kName).*kList)(); });
  }

 private:
  using Base::name_;

  // self[index], an int or a slice.
  static PyObject* Subscript(PyObject* self, PyObject* index) {
    return NewReferenceOf([&] {
      const T& t = ValueOf(self, "[]");
      return ItemOrSlice(index, t.size(), name_, name_,
                         [&](size_t i) { return t.Item(i); });
    });
  }

  // self[i] for 0 <= i < len(self), as reversed() asks.
  static PyObject* ItemAt(PyObject* self, Py_ssize_t i) {
    return NewReferenceOf([&] {
      const T& t = ValueOf(self, "[]");
      return t.Item(CheckedIndex(i, t.size(), name_));
    });
  }

  static PyObject* Iter(PyObject* self) {
    return NewReferenceOf(
        [&] { return LazyAll(ValueOf(self, "iter()")).attr("__iter__")(); });
  }

  static int Contains(PyObject* self, PyObject* value) {
    PyObject* found = NewReferenceOf([&] {
      const T& t = ValueOf(self, "in");
      for (size_t i = 0; i < t.size(); ++i) {
        if (t.Item(i).equal(py::handle(value))) return py::bool_(true);
      }
      return py::bool_(false);
    });
    if (found == nullptr) return -1;
    Py_DECREF(found);  // True or False, which live on.
    return found == Py_True ? 1 : 0;
  }

  static PyObject* ToList(PyObject* self, PyObject*) {
    return NewReferenceOf([&] { return LazyAll(ValueOf(self, "to_list()")); });
  }

  // index(value, start, stop), the bounds any ints, as list.index takes them.
  static PyObject* Index(PyObject* self, PyObject* args, PyObject* kwargs) {
    static const char* keywords[] = {"value", "start", "stop", nullptr};
    PyObject* value = nullptr;
    PyObject* start = nullptr;
    PyObject* stop = nullptr;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|OO:index",
                                     const_cast<char**>(keywords), &value,
                                     &start, &stop)) {
      return nullptr;
    }
    return NewReferenceOf([&] {
      const T& t = ValueOf(self, "index()");
      const auto size = static_cast<Py_ssize_t>(t.size());
      // As list.index: any int, clipped to the sequence.
      auto clamp = [size](PyObject* bound, Py_ssize_t absent) {
        if (bound == nullptr) return absent;
        if (!PyIndex_Check(bound)) {
          throw py::type_error("index() bounds must be integers, not " +
                               std::string(Py_TYPE(bound)->tp_name));
        }
        const Py_ssize_t i = PyNumber_AsSsize_t(bound, nullptr);
        if (i == -1 && PyErr_Occurred()) throw py::error_already_set();
        return std::clamp<Py_ssize_t>(i < 0 ? i + size : i, 0, size);
      };
      const Py_ssize_t last = clamp(stop, size);
      for (Py_ssize_t i = clamp(start, 0); i < last; ++i) {
        if (t.Item(static_cast<size_t>(i)).equal(py::handle(value)))
          return py::int_(i);
      }
      throw py::value_error(std::string("value is not in ") + name_);
    });
  }

  static PyObject* Count(PyObject* self, PyObject* value) {
    return NewReferenceOf([&] {
      const T& t = ValueOf(self, "count()");
      size_t count = 0;
      for (size_t i = 0; i < t.size(); ++i) {
        count += t.Item(i).equal(py::handle(value)) ? 1 : 0;
      }
      return py::int_(count);
    });
  }

  static PyObject* Text(PyObject* self, void*) {
    return NewReferenceOf(
        [&] { return py::object(ValueOf(self, "text").text); });
  }
};

}  // namespace kalima::python

#endif  // KALIMA_CPP_PYTHON_LAZY_SEQUENCE_H_
