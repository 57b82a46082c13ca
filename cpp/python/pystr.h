// Conversions between CPython str objects (PEP 393 storage, read in place)
// and kalima's fixed-width code point buffers, plus status -> exception.
#ifndef KALIMA_CPP_PYTHON_PYSTR_H_
#define KALIMA_CPP_PYTHON_PYSTR_H_

#include <pybind11/pybind11.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "kalima/code_points.h"
#include "kalima/parallel.h"

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
  CodePointsView code_points() const { return {data, length, kind}; }
};

// TypeError unless `obj` is a str; `what` names the argument in the message.
StrView ViewStr(py::handle obj, const char* what);
// The same for item `index` of a sequence argument named `what` (the
// message says "what[index]"; it is built only on failure).
StrView ViewStr(py::handle obj, const char* what, size_t index);

// `str` (a str) as UTF-8, appended to `out`. ValueError naming `what` and
// the index of a lone surrogate, which UTF-8 cannot hold.
void AppendUtf8(py::handle str, const std::string& what, std::string* out);
// The same without raising: false (and `out` as it was) if `str` holds a
// lone surrogate, whose index goes to `surrogate_at`.
bool TryAppendUtf8(const StrView& str, std::string* out, size_t* surrogate_at);
// The index of the first lone surrogate in `str`, if it holds one.
std::optional<size_t> LoneSurrogateAt(const StrView& str);
// `obj` as UTF-8: TypeError naming `what` unless it is a str, and
// AppendUtf8's ValueError for a lone surrogate (pybind11's std::string
// argument would report either as arguments of the wrong types).
std::string Utf8Of(py::handle obj, const char* what);

// `text` as an exact str (a copy for a str subclass, which could hold a
// reference cycle through a result type without GC support).
py::str ExactStr(py::handle text);

// Normalises a Python index (negative counts from the end) into a sequence
// of `size`, or raises IndexError naming `what`.
size_t CheckedIndex(Py_ssize_t index, size_t size, const char* what);

// A list of item(begin + k * step) for k < count (a negative slice step comes
// as a wrapped size_t, which the index arithmetic wraps back).
template <typename Item>
py::list ItemList(size_t begin, size_t step, size_t count, Item&& item) {
  py::list out(count);
  for (size_t k = 0; k < count; ++k) {
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(k),
                    item(begin + k * step).release().ptr());
  }
  return out;
}

// sequence[index] for a sequence of `size` items of type `type_name`, made
// by item(i): an int (IndexError naming `what` past the end, as an int past
// Py_ssize_t is) or a slice, a list; TypeError for anything else.
template <typename Item>
py::object ItemOrSlice(PyObject* index, size_t size, const char* type_name,
                       const char* what, Item&& item) {
  if (PySlice_Check(index)) {
    size_t start, stop, step, count;
    if (!py::reinterpret_borrow<py::slice>(index).compute(size, &start, &stop,
                                                          &step, &count)) {
      throw py::error_already_set();
    }
    return ItemList(start, step, count, item);
  }
  if (!PyIndex_Check(index)) {
    throw py::type_error(std::string(type_name) +
                         " indices must be integers or slices, not " +
                         Py_TYPE(index)->tp_name);
  }
  const Py_ssize_t i = PyNumber_AsSsize_t(index, nullptr);
  if (i == -1 && PyErr_Occurred()) throw py::error_already_set();
  return item(CheckedIndex(i, size, what));
}

// The strs of `texts` (a list, a tuple or another iterable of str, not a
// str itself; TypeError naming the item otherwise), viewed one by one in
// order, so that a batch can set threads to
// work on the first while it views the rest. A reference to each str viewed
// is held (a list's items are taken into a new tuple), so the storage read
// without the GIL stays alive even if the caller's list changes meanwhile;
// no Python code may run between the views (it could change the list).
class StrItems {
 public:
  explicit StrItems(py::handle texts);
  size_t size() const { return size_; }
  // Item i, viewed after items 0 to i-1.
  CodePointsView View(size_t i);
  // The strs viewed so far (all of them once every item is viewed).
  const py::tuple& strs() const { return items_; }

 private:
  py::tuple items_;
  PyObject** source_ = nullptr;
  size_t size_ = 0;
  bool copying_ = false;
};

// Views of every str in `texts`, as StrItems; the returned tuple holds them.
py::tuple ViewStrs(py::handle texts, std::vector<CodePointsView>* views);

// Runs `work` without the GIL when the input is long enough to be worth it.
template <typename Work>
auto MaybeWithoutGil(size_t length, Work&& work) {
  if (length < kReleaseGilAt) return work();
  py::gil_scoped_release release;
  return work();
}

// For a long call made without the GIL (GazetteerFindOptions::
// between_windows): a check for Ctrl-C (in a notebook, the interrupt
// button) between pieces of its work. At most every 20 ms, it takes the GIL
// and runs Python's signal handlers; if one raised, it returns Cancelled
// and the exception stays set, for the caller to raise once it has the GIL
// again (RaiseIfSignalled). Empty (no check) on any thread but the main
// one, which alone runs the handlers. Called with the GIL.
std::function<absl::Status()> SignalCheck();
// Raises the exception a SignalCheck left set, if any. Called with the GIL.
void RaiseIfSignalled();

// A new str holding the code points of `units`, in CPython's canonical
// (narrowest) layout.
py::str MakeStr(std::u16string_view units);
py::str MakeStr(std::u32string_view units);

// A new struct sequence type (a small immutable tuple subclass with named
// fields, fast to make from C); `fields` must outlive the type.
PyTypeObject* MakeStructType(const char* name, const char* doc,
                             PyStructSequence_Field* fields, int count);

// Raises the Python exception for a non-OK status: InvalidArgument and
// OutOfRange -> ValueError, NotFound -> FileNotFoundError, PermissionDenied
// -> PermissionError, DataLoss -> OSError, others -> kalima.Error.
void ThrowIfError(const absl::Status& status);

// When a call running without the GIL takes it back, to convert results or
// to look for Ctrl-C. Taking it back is cheap while no other Python thread
// runs; while one is busy running Python, CPython hands the GIL over only at
// that thread's switch interval (5 ms by default), so a batch that took it
// back after each chunk of texts ran hundreds of times slower beside a busy
// thread. After one wait of a millisecond or more, the GIL is taken back
// only every 100 ms (and once at the end, by the caller).
class GilSchedule {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::duration kContendedEvery =
      std::chrono::milliseconds(100);

  // `every`: the least time between takings while the GIL comes at once.
  explicit GilSchedule(Clock::duration every = Clock::duration::zero())
      : every_(every), last_(Clock::now()) {}

  // Whether to take the GIL back now.
  bool Due() const {
    if (!contended_ && every_ == Clock::duration::zero()) return true;
    return Clock::now() - last_ >= (contended_ ? kContendedEvery : every_);
  }

  // Whether a taking back has waited long.
  bool contended() const { return contended_; }

  // Runs `work` with the GIL, from a thread that does not hold it.
  template <typename Work>
  auto WithGil(Work&& work) {
    const Clock::time_point asked = Clock::now();
    py::gil_scoped_acquire acquire;
    Took(asked);
    return work();
  }

  // Runs `work` without the GIL, from a thread that holds it, then takes
  // the GIL back.
  template <typename Work>
  void WithoutGil(Work&& work) {
    Clock::time_point asked;
    {
      py::gil_scoped_release release;
      work();
      asked = Clock::now();
    }
    Took(asked);
  }

 private:
  // Records a taking back asked for at `asked`, which just got the GIL.
  void Took(Clock::time_point asked) {
    last_ = Clock::now();
    if (last_ - asked >= std::chrono::milliseconds(1)) contended_ = true;
  }

  Clock::duration every_;
  bool contended_ = false;
  Clock::time_point last_;
};

// The shape of every batch binding: views of the strs of `texts` (a list or
// tuple), then `compute(view, &result)` (a core call returning a Status) for
// each, and `convert(str, result)` for each under the GIL. A batch shorter
// than kReleaseGilAt code points in all runs on this thread with the GIL, as
// a single text that short does: releasing it would cost more than the work
// (see GilSchedule). A longer one computes on up to `threads` threads without
// the GIL, and this thread converts the results done so far whenever
// GilSchedule lets it take the GIL back (ParallelFor's `ready`), while the
// others work on: converting takes about a microsecond per text, which a
// batch of per-line texts would otherwise add, on one core, after the work of
// all of them. A failing text raises its Status, prefixed "texts[i]: ",
// after every text before it is converted.
template <typename Result, typename Compute, typename Convert>
py::list MapStrs(py::handle texts, int threads, Compute&& compute,
                 Convert&& convert) {
  std::vector<CodePointsView> views;
  py::tuple strs = ViewStrs(texts, &views);
  const size_t n = views.size();
  std::vector<Result> results(n);
  std::vector<absl::Status> statuses(n);
  // The results' list is made at the end: a signal handler (Python code,
  // run between chunks) must see no list with empty slots.
  std::vector<py::object> items(n);
  // Converts texts [converted, end); with the GIL.
  size_t converted = 0;
  auto convert_until = [&](size_t end) {
    for (; converted < end; ++converted) {
      const size_t i = converted;
      if (!statuses[i].ok()) {
        ThrowIfError(absl::Status(
            statuses[i].code(),
            absl::StrCat("texts[", i, "]: ", statuses[i].message())));
      }
      items[i] = convert(strs[i], results[i]);
    }
  };
  auto list_of_items = [&] {
    py::list out(n);
    for (size_t i = 0; i < n; ++i) {
      PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i),
                      items[i].release().ptr());
    }
    return out;
  };
  size_t total = 0;
  for (const CodePointsView& view : views) total += view.size;
  if (total < kReleaseGilAt) {
    for (size_t i = 0; i < n; ++i) {
      statuses[i] = compute(views[i], &results[i]);
      convert_until(i + 1);
    }
    return list_of_items();
  }
  GilSchedule schedule;
  {
    py::gil_scoped_release release;
    ParallelFor(
        n, threads,
        [&](size_t i, int) { statuses[i] = compute(views[i], &results[i]); },
        [&](size_t, size_t end) {
          if (!schedule.Due()) return;
          schedule.WithGil([&] {
            // Ctrl-C (in a notebook, the interrupt button) stops a long
            // batch here, between chunks, rather than when every text is
            // done.
            if (PyErr_CheckSignals() != 0) throw py::error_already_set();
            convert_until(end);
          });
        });
  }
  convert_until(n);
  return list_of_items();
}

// Adds `def` (a METH_FASTCALL function: self, then the arguments) to `cls` as a
// method named def->ml_name: for per-line calls, where pybind11's general
// dispatcher would cost as much as the work.
void AddFastMethod(py::handle cls, PyMethodDef* def);

// A function `name` of module `module` that calls `fast(text)` when given
// exactly one positional argument and no keywords, and passes any other call
// on to `general` unchanged: a Python function with keyword arguments pays
// for its frame and its **kwargs dict on every call, which per-line use
// feels; this shape of call pays neither. `doc` is its docstring.
py::object OneArgumentFastPath(const std::string& name, const std::string& doc,
                               const std::string& module, py::object fast,
                               py::object general);

// The T held by a pybind11 instance whose type derives from T's class, or
// null if it was never initialised. One C++ base (the usual case, Python
// subclasses included) is read directly; several (a Python class deriving
// from two kalima classes) go through pybind11's lookup.
template <typename T>
const T* InstanceValue(PyObject* self) {
  auto* instance = reinterpret_cast<py::detail::instance*>(self);
  if (instance->simple_layout) {
    return static_cast<const T*>(instance->simple_value_holder[0]);
  }
  static py::detail::type_info* const info =
      py::detail::get_type_info(typeid(T));
  py::detail::value_and_holder held =
      instance->get_value_and_holder(info, /*throw_if_missing=*/false);
  return held ? static_cast<const T*>(held.value_ptr()) : nullptr;
}

// Runs body(), which returns a py::object, and returns that as a new
// reference; or nullptr with C++ exceptions turned into Python ones
// (std::bad_alloc into MemoryError): for functions called from C.
template <typename Body>
PyObject* NewReferenceOf(Body&& body) {
  try {
    return body().release().ptr();
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

// Runs body(object) for a plain CPython method of class T (named
// `class_name` in messages), object being the T held by `self`, which
// bypasses pybind11's dispatcher: returns body's result as a new reference,
// or nullptr with the exception set (see NewReferenceOf).
template <typename T, typename Body>
PyObject* CallOnInstance(PyObject* self, const char* name,
                         const char* class_name, Body&& body) {
  return NewReferenceOf([&] {
    // The method descriptor has already checked that self is a T (or a
    // subclass), so the C++ object is read straight from pybind11's
    // instance; it is null only if __init__ never ran.
    const T* object = InstanceValue<T>(self);
    if (object == nullptr) {
      throw py::type_error(std::string(name) + "() needs an initialised " +
                           class_name);
    }
    return body(*object);
  });
}

// The body of a METH_FASTCALL method `name` of class T taking exactly
// `arity` positional arguments, named by `arguments` ("text, mode,
// max_edits") in the TypeError otherwise: call(object, args).
template <typename T, typename Call>
PyObject* FastMethodCallWith(PyObject* self, PyObject* const* args,
                             Py_ssize_t nargs, Py_ssize_t arity,
                             const char* name, const char* arguments,
                             const char* class_name, Call&& call) {
  return CallOnInstance<T>(self, name, class_name, [&](const T& object) {
    if (nargs != arity) {
      throw py::type_error(std::string(name) + "() takes exactly " +
                           std::to_string(arity) + " argument" +
                           (arity == 1 ? "" : "s") + " (" + arguments + ")");
    }
    return call(object, args);
  });
}

// The `threads` argument of a batch call `name`: an int (not a bool) that
// fits one; TypeError or ValueError naming the call otherwise.
int ThreadsArgument(py::handle threads, const char* name);

// The arguments of a call to a METH_FASTCALL | METH_KEYWORDS method
// `name`, by position or by keyword, into given[k] for names[k] (nullptr
// if not given); the first `required` must be given, TypeError otherwise.
// Parsed here because pybind11's keyword matching (keyword_index, 3.1
// included) crashes when the str it allocates cannot be made.
void ParseArguments(PyObject* const* args, Py_ssize_t nargsf, PyObject* kwnames,
                    const char* name, std::span<const char* const> names,
                    size_t required, PyObject** given);

// (texts, threads) of a call batch(texts, threads=0) (see ParseArguments).
std::pair<py::handle, int> BatchArguments(PyObject* const* args,
                                          Py_ssize_t nargsf, PyObject* kwnames,
                                          const char* name);

// A METH_FASTCALL | METH_KEYWORDS method batch(texts, threads=0) of class
// T (named kClassName in messages): Batch(object, texts, threads).
template <typename T, py::list (*Batch)(const T&, py::handle, int),
          const char* kClassName>
PyObject* BatchMethod(PyObject* self, PyObject* const* args, Py_ssize_t nargsf,
                      PyObject* kwnames) {
  return CallOnInstance<T>(self, "batch", kClassName, [&](const T& object) {
    const auto [texts, threads] =
        BatchArguments(args, nargsf, kwnames, "batch");
    return Batch(object, texts, threads);
  });
}

// The body of a METH_FASTCALL | METH_KEYWORDS method `name`(argument) of
// class T, the argument named `keyword`: call(object, argument).
template <typename T, typename Call>
PyObject* FastOneArgumentCall(PyObject* self, PyObject* const* args,
                              Py_ssize_t nargsf, PyObject* kwnames,
                              const char* name, const char* keyword,
                              const char* class_name, Call&& call) {
  return CallOnInstance<T>(self, name, class_name, [&](const T& object) {
    const char* const names[] = {keyword};
    PyObject* given[1];
    ParseArguments(args, nargsf, kwnames, name, names, 1, given);
    return call(object, py::handle(given[0]));
  });
}

// FastMethodCallWith for a method `name`(text): call(self, text).
template <typename T, typename Call>
PyObject* FastMethodCall(PyObject* self, PyObject* const* args,
                         Py_ssize_t nargs, const char* name,
                         const char* class_name, Call&& call) {
  return FastMethodCallWith<T>(self, args, nargs, 1, name, "text", class_name,
                               [&](const T& object, PyObject* const* given) {
                                 return call(object, py::handle(given[0]));
                               });
}

// Sets the kalima.Error exception class (created by the module).
void SetErrorType(py::handle type);

// Makes every pybind11 class in `module` (and its Python subclasses) safe
// where pybind11 would crash (see pystr.cc): a failed allocation of an
// instance raises MemoryError, a method of an instance whose __init__ never
// ran raises TypeError. Called once the module's classes are registered.
void GuardInstances(py::module_& module);

}  // namespace kalima::python

#endif  // KALIMA_CPP_PYTHON_PYSTR_H_
