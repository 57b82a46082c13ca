// kalima.OffsetMap and kalima.NormalizedText as plain C types; see
// offset_map_object.h.
#include "offset_map_object.h"

#include <structmember.h>

#include <cstring>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "held_object.h"
#include "pystr.h"

namespace kalima::python {
namespace {

using OffsetMapType = HeldObject<OffsetMap>;

// Holds an exact str and an OffsetMap, neither of which can refer back to
// it, so the type needs no GC support.
struct NormalizedTextObject {
  PyObject_HEAD PyObject* text;
  PyObject* offsets;
};

PyTypeObject* normalized_text_type = nullptr;

// self[index], an int or a slice (a list of ints).
PyObject* Subscript(PyObject* self, PyObject* index) {
  return NewReferenceOf([&] {
    const std::span<const uint32_t> offsets =
        OffsetMapType::ValueOf(self, "[]").offsets();
    return ItemOrSlice(index, offsets.size(), "OffsetMap", "offset",
                       [&](size_t i) { return py::int_(offsets[i]); });
  });
}

// self[i] for iteration and reversed().
PyObject* ItemAt(PyObject* self, Py_ssize_t i) {
  return NewReferenceOf([&] {
    const std::span<const uint32_t> offsets =
        OffsetMapType::ValueOf(self, "[]").offsets();
    return py::int_(offsets[CheckedIndex(i, offsets.size(), "offset")]);
  });
}

PyObject* SourceSize(PyObject* self, void*) {
  return NewReferenceOf([&] {
    return py::int_(OffsetMapType::ValueOf(self, "source_size").source_size());
  });
}

// map.source_span(start, end), the arguments parsed here rather than by
// pybind11 (see ParseArguments).
py::object SourceSpanOf(const OffsetMap& map, PyObject* const* args,
                        Py_ssize_t nargsf, PyObject* kwnames) {
  static constexpr const char* kNames[] = {"start", "end"};
  PyObject* given[2];
  ParseArguments(args, nargsf, kwnames, "source_span", kNames, 2, given);
  Py_ssize_t bounds[2];
  bool beyond[2] = {false, false};  // Past what an index holds.
  for (int k = 0; k < 2; ++k) {
    if (!PyLong_Check(given[k]) || PyBool_Check(given[k])) {
      throw py::type_error(std::string("source_span(): ") + kNames[k] +
                           " must be int, not " + Py_TYPE(given[k])->tp_name);
    }
    bounds[k] = PyLong_AsSsize_t(given[k]);
    if (bounds[k] == -1 && PyErr_Occurred()) {
      PyErr_Clear();
      beyond[k] = true;
    }
  }
  auto text = [&](int k) { return py::repr(given[k]).cast<std::string>(); };
  auto negative = [&](int k) {
    return beyond[k] ? PyObject_RichCompareBool(given[k], py::int_(0).ptr(),
                                                Py_LT) == 1
                     : bounds[k] < 0;
  };
  if (negative(0) || negative(1)) {
    throw py::value_error("source_span(" + text(0) + ", " + text(1) +
                          "): offsets are never negative");
  }
  if (beyond[0] || beyond[1]) {
    // Refused as the core refuses a span (which it takes as size_t), with
    // the caller's numbers.
    const bool reversed =
        PyObject_RichCompareBool(given[0], given[1], Py_GT) == 1;
    throw py::value_error("span [" + text(0) + ", " + text(1) +
                          (reversed ? ") is reversed: it starts after its end"
                                    : ") is not inside an output of " +
                                          std::to_string(map.output_size()) +
                                          " units"));
  }
  const auto [start, end] = bounds;
  absl::StatusOr<Span> span =
      map.SourceSpan(static_cast<size_t>(start), static_cast<size_t>(end));
  ThrowIfError(span.status());
  return py::make_tuple(span->start, span->end);
}

PyObject* SourceSpan(PyObject* self, PyObject* const* args, Py_ssize_t nargsf,
                     PyObject* kwnames) {
  return NewReferenceOf([&] {
    return SourceSpanOf(OffsetMapType::ValueOf(self, "source_span()"), args,
                        nargsf, kwnames);
  });
}

// (source size, the offsets as native uint32 bytes).
py::tuple StateOf(const OffsetMap& map) {
  const std::span<const uint32_t> offsets = map.offsets();
  return py::make_tuple(map.source_size(),
                        py::bytes(reinterpret_cast<const char*>(offsets.data()),
                                  offsets.size() * sizeof(uint32_t)));
}

OffsetMap FromState(py::handle state) {
  if (!PyTuple_Check(state.ptr()) || PyTuple_GET_SIZE(state.ptr()) != 2 ||
      !PyLong_Check(PyTuple_GET_ITEM(state.ptr(), 0)) ||
      !PyBytes_Check(PyTuple_GET_ITEM(state.ptr(), 1))) {
    throw py::value_error("bad OffsetMap state");
  }
  const size_t source_size = PyLong_AsSize_t(PyTuple_GET_ITEM(state.ptr(), 0));
  if (source_size == static_cast<size_t>(-1) && PyErr_Occurred()) {
    PyErr_Clear();  // Negative, or past size_t.
    throw py::value_error("bad OffsetMap state");
  }
  const std::string raw =
      py::reinterpret_borrow<py::bytes>(PyTuple_GET_ITEM(state.ptr(), 1));
  if (raw.size() % sizeof(uint32_t) != 0) {
    throw py::value_error("bad OffsetMap state");
  }
  std::vector<uint32_t> starts(raw.size() / sizeof(uint32_t));
  std::memcpy(starts.data(), raw.data(), raw.size());
  absl::StatusOr<OffsetMap> map =
      OffsetMap::FromOffsets(std::move(starts), source_size);
  ThrowIfError(map.status());
  return *std::move(map);
}

PyObject* GetState(PyObject* self, PyObject*) {
  return NewReferenceOf(
      [&] { return StateOf(OffsetMapType::ValueOf(self, "__getstate__")); });
}

PyObject* SetState(PyObject* self, PyObject* state) {
  return NewReferenceOf([&] {
    OffsetMapType::Fill(self, FromState(state));
    return py::none();
  });
}

// Through a module-level function, which every pickle protocol takes.
PyObject* offset_map_from_state = nullptr;

PyObject* ReduceOffsetMap(PyObject* self, PyObject*) {
  return NewReferenceOf([&] {
    return py::make_tuple(
        py::handle(offset_map_from_state),
        py::make_tuple(StateOf(OffsetMapType::ValueOf(self, "__reduce__"))));
  });
}

PyObject* OffsetMapFromState(PyObject*, PyObject* state) {
  return NewReferenceOf([&] { return OffsetMapType::Make(FromState(state)); });
}

PyObject* CompareOffsetMaps(PyObject* self, PyObject* other, int op) {
  if ((op != Py_EQ && op != Py_NE) || !OffsetMapType::Check(other)) {
    Py_RETURN_NOTIMPLEMENTED;
  }
  return NewReferenceOf([&] {
    const bool equal = OffsetMapType::ValueOf(self, "==") ==
                       OffsetMapType::ValueOf(other, "==");
    return py::bool_(equal == (op == Py_EQ));
  });
}

// numpy.asarray(offsets) and memoryview(offsets) share the offsets, uint32
// each, read-only. The view's shape and stride are its own (freed with it).
int GetBuffer(PyObject* self, Py_buffer* view, int flags) {
  const OffsetMap* map = OffsetMapType::Held(self);
  if (map == nullptr) {
    PyErr_SetString(PyExc_TypeError,
                    "a buffer needs an initialised kalima.OffsetMap");
    return -1;
  }
  if ((flags & PyBUF_WRITABLE) == PyBUF_WRITABLE) {
    PyErr_SetString(PyExc_BufferError, "kalima.OffsetMap is read-only");
    return -1;
  }
  auto* shape_and_stride = new (std::nothrow) Py_ssize_t[2]{
      static_cast<Py_ssize_t>(map->output_size()), sizeof(uint32_t)};
  if (shape_and_stride == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  Py_INCREF(self);
  view->obj = self;
  view->buf = const_cast<uint32_t*>(map->offsets().data());
  view->len = shape_and_stride[0] * static_cast<Py_ssize_t>(sizeof(uint32_t));
  view->readonly = 1;
  view->itemsize = sizeof(uint32_t);
  view->format =
      (flags & PyBUF_FORMAT) == PyBUF_FORMAT ? const_cast<char*>("I") : nullptr;
  view->ndim = 1;
  view->shape = (flags & PyBUF_ND) == PyBUF_ND ? shape_and_stride : nullptr;
  view->strides =
      (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? shape_and_stride + 1 : nullptr;
  view->suboffsets = nullptr;
  view->internal = shape_and_stride;
  return 0;
}

void ReleaseBuffer(PyObject*, Py_buffer* view) {
  delete[] static_cast<Py_ssize_t*>(view->internal);
}

PyMethodDef offset_map_methods[] = {
    {"source_span",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&SourceSpan)),
     METH_FASTCALL | METH_KEYWORDS,
     "source_span(start: int, end: int) -> tuple[int, int]\n\nThe span of "
     "the source that output [start, end) came from."},
    {"__getstate__", &GetState, METH_NOARGS, nullptr},
    {"__setstate__", &SetState, METH_O, nullptr},
    {"__reduce__", &ReduceOffsetMap, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef offset_map_getsets[] = {
    {"source_size", &SourceSize, nullptr,
     "the length of the source text, in code points", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// A NormalizedText of `text` (an exact str) and `offsets` (an OffsetMap of
// its length).
py::object NormalizedTextOf(py::str text, py::object offsets) {
  NormalizedTextObject* self =
      PyObject_New(NormalizedTextObject, normalized_text_type);
  if (self == nullptr) throw py::error_already_set();
  self->text = text.release().ptr();
  self->offsets = offsets.release().ptr();
  return py::reinterpret_steal<py::object>(reinterpret_cast<PyObject*>(self));
}

// NormalizedText(text, offsets).
PyObject* NewNormalizedTextObject(PyTypeObject*, PyObject* args,
                                  PyObject* kwargs) {
  static const char* keywords[] = {"text", "offsets", nullptr};
  PyObject* text;
  PyObject* offsets;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "UO!:NormalizedText",
                                   const_cast<char**>(keywords), &text,
                                   OffsetMapType::Type(), &offsets)) {
    return nullptr;
  }
  return NewReferenceOf([&] {
    const OffsetMap& map = OffsetMapType::ValueOf(offsets, "NormalizedText()");
    const auto length = static_cast<size_t>(PyUnicode_GET_LENGTH(text));
    if (map.output_size() != length) {
      throw py::value_error(
          "NormalizedText(): offsets has " + std::to_string(map.output_size()) +
          " entries for a text of " + std::to_string(length) + " characters");
    }
    // An exact str: a str subclass could carry a cycle back to this object.
    return NormalizedTextOf(ExactStr(text),
                            py::reinterpret_borrow<py::object>(offsets));
  });
}

void DeallocNormalizedText(PyObject* self) {
  auto* object = reinterpret_cast<NormalizedTextObject*>(self);
  PyTypeObject* type = Py_TYPE(self);
  Py_XDECREF(object->text);
  Py_XDECREF(object->offsets);
  PyObject_Free(self);
  Py_DECREF(type);
}

PyObject* NormalizedSourceSpan(PyObject* self, PyObject* const* args,
                               Py_ssize_t nargsf, PyObject* kwnames) {
  return NewReferenceOf([&] {
    auto* object = reinterpret_cast<NormalizedTextObject*>(self);
    return SourceSpanOf(
        OffsetMapType::ValueOf(object->offsets, "source_span()"), args, nargsf,
        kwnames);
  });
}

PyObject* ReprNormalizedText(PyObject* self) {
  auto* object = reinterpret_cast<NormalizedTextObject*>(self);
  constexpr Py_ssize_t kShown = 60;
  const Py_ssize_t length = PyUnicode_GET_LENGTH(object->text);
  if (length <= kShown) {
    return PyUnicode_FromFormat("NormalizedText(%R, offsets=<%zd offsets>)",
                                object->text, length);
  }
  PyObject* head = PyUnicode_Substring(object->text, 0, kShown - 3);
  if (head == nullptr) return nullptr;
  PyObject* shown = PyUnicode_FromFormat("%U...", head);
  Py_DECREF(head);
  if (shown == nullptr) return nullptr;
  PyObject* repr = PyUnicode_FromFormat(
      "NormalizedText(%R, offsets=<%zd offsets>)", shown, length);
  Py_DECREF(shown);
  return repr;
}

PyObject* CompareNormalizedTexts(PyObject* self, PyObject* other, int op) {
  if ((op != Py_EQ && op != Py_NE) ||
      !PyObject_TypeCheck(other, normalized_text_type)) {
    Py_RETURN_NOTIMPLEMENTED;
  }
  auto* a = reinterpret_cast<NormalizedTextObject*>(self);
  auto* b = reinterpret_cast<NormalizedTextObject*>(other);
  const int same_text = PyUnicode_Compare(a->text, b->text);
  if (same_text == -1 && PyErr_Occurred()) return nullptr;
  if (same_text != 0) return PyBool_FromLong(op == Py_NE);
  return CompareOffsetMaps(a->offsets, b->offsets, op);
}

PyObject* ReduceNormalizedText(PyObject* self, PyObject*) {
  auto* object = reinterpret_cast<NormalizedTextObject*>(self);
  return Py_BuildValue("(O(OO))", reinterpret_cast<PyObject*>(Py_TYPE(self)),
                       object->text, object->offsets);
}

PyMemberDef normalized_text_members[] = {
    {"text", T_OBJECT_EX, offsetof(NormalizedTextObject, text), READONLY,
     "the normalised text"},
    {"offsets", T_OBJECT_EX, offsetof(NormalizedTextObject, offsets), READONLY,
     "offsets[i]: the index in the original text of the character that "
     "produced text[i]"},
    {nullptr, 0, 0, 0, nullptr}};

PyMethodDef normalized_text_methods[] = {
    {"source_span",
     reinterpret_cast<PyCFunction>(
         reinterpret_cast<void*>(&NormalizedSourceSpan)),
     METH_FASTCALL | METH_KEYWORDS,
     "source_span(start: int, end: int) -> tuple[int, int]\n\nThe [start, "
     "end) span of the original text behind text[start:end]. Characters "
     "deleted inside or right after the span (a diacritic on its last letter) "
     "belong to it; half of an expanded ligature maps to the whole ligature."},
    {"__reduce__", &ReduceNormalizedText, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyType_Slot normalized_text_slots[] = {
    {Py_tp_doc,
     const_cast<char*>(
         "NormalizedText(text, offsets): a normalised text and where each of "
         "its characters came from. offsets[i] is the index, in the original "
         "string, of the character that produced text[i]. Immutable.")},
    {Py_tp_new, reinterpret_cast<void*>(&NewNormalizedTextObject)},
    {Py_tp_dealloc, reinterpret_cast<void*>(&DeallocNormalizedText)},
    {Py_tp_repr, reinterpret_cast<void*>(&ReprNormalizedText)},
    {Py_tp_richcompare, reinterpret_cast<void*>(&CompareNormalizedTexts)},
    {Py_tp_members, normalized_text_members},
    {Py_tp_methods, normalized_text_methods},
    {0, nullptr}};

PyType_Spec normalized_text_spec = {
    "kalima.NormalizedText", static_cast<int>(sizeof(NormalizedTextObject)), 0,
    Py_TPFLAGS_DEFAULT, normalized_text_slots};

PyMethodDef from_state_def = {
    "_offset_map_from_state", &OffsetMapFromState, METH_O,
    "_offset_map_from_state(state) -> OffsetMap\n\nFor unpickling."};

}  // namespace

py::object NewNormalizedText(py::str text, OffsetMap offsets) {
  return NormalizedTextOf(std::move(text),
                          OffsetMapType::Make(std::move(offsets)));
}

void RegisterOffsetMap(py::module_& m) {
  constexpr auto kLength = &OffsetMapType::Length<&OffsetMap::output_size>;
  OffsetMapType::CreateType(
      m, "OffsetMap",
      {{Py_tp_doc,
        const_cast<char*>("Per output character, the index of the source "
                          "character it came from.")},
       {Py_mp_length, reinterpret_cast<void*>(kLength)},
       {Py_mp_subscript, reinterpret_cast<void*>(&Subscript)},
       {Py_sq_length, reinterpret_cast<void*>(kLength)},
       {Py_sq_item, reinterpret_cast<void*>(&ItemAt)},
       {Py_tp_richcompare, reinterpret_cast<void*>(&CompareOffsetMaps)},
       {Py_bf_getbuffer, reinterpret_cast<void*>(&GetBuffer)},
       {Py_bf_releasebuffer, reinterpret_cast<void*>(&ReleaseBuffer)},
       {Py_tp_methods, offset_map_methods},
       {Py_tp_getset, offset_map_getsets}});
  // Kept for the process: NormalizedTextOf makes instances of it.
  PyObject* type = PyType_FromSpec(&normalized_text_spec);
  if (type == nullptr) throw py::error_already_set();
  normalized_text_type = reinterpret_cast<PyTypeObject*>(type);
  m.attr("NormalizedText") = py::reinterpret_borrow<py::object>(type);
  py::setattr(reinterpret_cast<PyObject*>(normalized_text_type),
              "__match_args__", py::make_tuple("text", "offsets"));
  // Named by its module's name, as pickle looks it up.
  PyObject* from_state =
      PyCFunction_NewEx(&from_state_def, nullptr, m.attr("__name__").ptr());
  if (from_state == nullptr) throw py::error_already_set();
  offset_map_from_state = from_state;  // Kept for the process.
  m.attr("_offset_map_from_state") =
      py::reinterpret_borrow<py::object>(from_state);
}

}  // namespace kalima::python
