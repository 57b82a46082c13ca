// kalima.Token; see token_object.h.
#include "token_object.h"

#include <structmember.h>

namespace kalima::python {
namespace {

// Holds only strs, which cannot form reference cycles, so the type needs no
// GC support. The source is kept only while it is an exact str (a str
// subclass could carry a __dict__ and so a cycle): otherwise the text is cut
// at creation.
struct TokenObject {
  PyObject_HEAD Py_ssize_t start;
  Py_ssize_t end;
  PyObject* source;  // The tokenised str while `text` is not made yet.
  PyObject* text;    // text[start:end], made on first read.
  PyObject* kind;
};

PyTypeObject* token_type = nullptr;

TokenObject* Allocate(Py_ssize_t start, Py_ssize_t end, PyObject* kind) {
  TokenObject* self = PyObject_New(TokenObject, token_type);
  if (self == nullptr) return nullptr;
  self->start = start;
  self->end = end;
  self->source = nullptr;
  self->text = nullptr;
  Py_INCREF(kind);
  self->kind = kind;
  return self;
}

// The token's text, made from the source on first use.
PyObject* Text(TokenObject* self) {
  if (self->text == nullptr) {
    self->text = PyUnicode_Substring(self->source, self->start, self->end);
    if (self->text == nullptr) return nullptr;
    Py_CLEAR(self->source);
  }
  return self->text;
}

// (start, end, text, kind): what equality, hashing, iteration and pickling
// see.
PyObject* AsTuple(TokenObject* self) {
  PyObject* text = Text(self);
  if (text == nullptr) return nullptr;
  return Py_BuildValue("(nnOO)", self->start, self->end, text, self->kind);
}

void Dealloc(PyObject* object) {
  auto* self = reinterpret_cast<TokenObject*>(object);
  PyTypeObject* type = Py_TYPE(object);
  Py_XDECREF(self->source);
  Py_XDECREF(self->text);
  Py_XDECREF(self->kind);
  PyObject_Free(object);
  Py_DECREF(type);  // Instances of heap types hold a reference to the type.
}

PyObject* New(PyTypeObject*, PyObject* args, PyObject* kwargs) {
  static const char* keywords[] = {"start", "end", "text", "kind", nullptr};
  Py_ssize_t start, end;
  PyObject* text;
  PyObject* kind;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "nnUU:Token",
                                   const_cast<char**>(keywords), &start, &end,
                                   &text, &kind)) {
    return nullptr;
  }
  // Exact strs only (a str subclass could hold a cycle back to the token).
  PyObject* exact_kind = PyUnicode_FromObject(kind);
  if (exact_kind == nullptr) return nullptr;
  TokenObject* self = Allocate(start, end, exact_kind);
  Py_DECREF(exact_kind);
  if (self == nullptr) return nullptr;
  self->text = PyUnicode_FromObject(text);
  if (self->text == nullptr) {
    Py_DECREF(self);
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(self);
}

PyObject* Repr(PyObject* object) {
  auto* self = reinterpret_cast<TokenObject*>(object);
  PyObject* text = Text(self);
  if (text == nullptr) return nullptr;
  return PyUnicode_FromFormat(
      "kalima.Token(start=%zd, end=%zd, text=%R, "
      "kind=%R)",
      self->start, self->end, text, self->kind);
}

// Compared as the tuple (start, end, text, kind) it equals, for order too, as
// Span, Match and SegmentPart (tuples themselves) are.
PyObject* RichCompare(PyObject* object, PyObject* other, int op) {
  if (!(PyObject_TypeCheck(other, token_type) || PyTuple_Check(other))) {
    Py_RETURN_NOTIMPLEMENTED;
  }
  PyObject* mine = AsTuple(reinterpret_cast<TokenObject*>(object));
  if (mine == nullptr) return nullptr;
  PyObject* theirs = PyTuple_Check(other)
                         ? (Py_INCREF(other), other)
                         : AsTuple(reinterpret_cast<TokenObject*>(other));
  if (theirs == nullptr) {
    Py_DECREF(mine);
    return nullptr;
  }
  PyObject* result = PyObject_RichCompare(mine, theirs, op);
  Py_DECREF(mine);
  Py_DECREF(theirs);
  return result;
}

Py_hash_t Hash(PyObject* object) {
  PyObject* tuple = AsTuple(reinterpret_cast<TokenObject*>(object));
  if (tuple == nullptr) return -1;
  const Py_hash_t hash = PyObject_Hash(tuple);
  Py_DECREF(tuple);
  return hash;
}

// `start, end, text, kind = token` works, as it did for a tuple.
PyObject* Iter(PyObject* object) {
  PyObject* tuple = AsTuple(reinterpret_cast<TokenObject*>(object));
  if (tuple == nullptr) return nullptr;
  PyObject* iterator = PyObject_GetIter(tuple);
  Py_DECREF(tuple);
  return iterator;
}

PyObject* Reduce(PyObject* object, PyObject*) {
  PyObject* tuple = AsTuple(reinterpret_cast<TokenObject*>(object));
  if (tuple == nullptr) return nullptr;
  return Py_BuildValue("(ON)", reinterpret_cast<PyObject*>(Py_TYPE(object)),
                       tuple);
}

PyObject* GetText(PyObject* object, void*) {
  PyObject* text = Text(reinterpret_cast<TokenObject*>(object));
  Py_XINCREF(text);
  return text;
}

PyMemberDef members[] = {{"start", T_PYSSIZET, offsetof(TokenObject, start),
                          READONLY, "str index of the token's first character"},
                         {"end", T_PYSSIZET, offsetof(TokenObject, end),
                          READONLY, "str index just past its last character"},
                         {"kind", T_OBJECT_EX, offsetof(TokenObject, kind),
                          READONLY, "what the token is: a TokenKind value"},
                         {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef getsets[] = {
    {"text", &GetText, nullptr, "text[start:end]", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMethodDef methods[] = {{"__reduce__", &Reduce, METH_NOARGS, nullptr},
                         {nullptr, nullptr, 0, nullptr}};

PyType_Slot slots[] = {
    {Py_tp_doc,
     const_cast<char*>("Token(start, end, text, kind): a token, its span of "
                       "the caller's text (str indices), its text and kind. "
                       "Immutable; compares equal to the tuple "
                       "(start, end, text, kind).")},
    {Py_tp_new, reinterpret_cast<void*>(&New)},
    {Py_tp_dealloc, reinterpret_cast<void*>(&Dealloc)},
    {Py_tp_repr, reinterpret_cast<void*>(&Repr)},
    {Py_tp_richcompare, reinterpret_cast<void*>(&RichCompare)},
    {Py_tp_hash, reinterpret_cast<void*>(&Hash)},
    {Py_tp_iter, reinterpret_cast<void*>(&Iter)},
    {Py_tp_members, members},
    {Py_tp_getset, getsets},
    {Py_tp_methods, methods},
    {0, nullptr}};

PyType_Spec spec = {"kalima.Token", sizeof(TokenObject), 0, Py_TPFLAGS_DEFAULT,
                    slots};

}  // namespace

void RegisterTokenType(py::module_& m) {
  PyObject* type = PyType_FromSpec(&spec);
  if (type == nullptr) throw py::error_already_set();
  token_type = reinterpret_cast<PyTypeObject*>(type);
  py::object owned = py::reinterpret_steal<py::object>(type);
  // Pattern matching: case Token(start, end, text, kind).
  owned.attr("__match_args__") = py::make_tuple("start", "end", "text", "kind");
  m.attr("Token") = owned;
  // The module keeps the type alive for NewToken.
  Py_INCREF(type);
}

PyObject* NewToken(PyObject* source, size_t start, size_t end, PyObject* kind) {
  TokenObject* self = Allocate(static_cast<Py_ssize_t>(start),
                               static_cast<Py_ssize_t>(end), kind);
  if (self == nullptr) return nullptr;
  if (PyUnicode_CheckExact(source)) {
    Py_INCREF(source);
    self->source = source;
  } else {
    self->text = PyUnicode_Substring(source, self->start, self->end);
    if (self->text == nullptr) {
      Py_DECREF(self);
      return nullptr;
    }
  }
  return reinterpret_cast<PyObject*>(self);
}

}  // namespace kalima::python
