// Binding of kalima::Tokenizer and kalima::SentenceSplitter. A tokenised text
// comes back as a compact Tokens object (the source str plus an array of
// spans); Token objects are made only when the caller looks at one.
#include <pybind11/pybind11.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kalima/tokenize.h"
#include "lazy_sequence.h"
#include "pystr.h"
#include "token_object.h"

namespace kalima::python {
namespace {

// The Span type (a struct sequence: small, immutable, fast to make from C)
// and the kind names, made once at import. Token is in token_object.cc.
PyTypeObject* span_type = nullptr;
PyObject* kind_names[kTokenKindCount] = {};

// A new Token for `token` of `text`, or nullptr with an exception set.
PyObject* NewToken(PyObject* text, const Token& token) {
  return python::NewToken(text, token.start, token.end,
                          kind_names[static_cast<int>(token.kind)]);
}

py::object NewSpan(PyObject* text, const Span& span) {
  py::object item =
      py::reinterpret_steal<py::object>(PyStructSequence_New(span_type));
  if (!item) throw py::error_already_set();
  PyStructSequence_SetItem(item.ptr(), 0, PyLong_FromSize_t(span.start));
  PyStructSequence_SetItem(item.ptr(), 1, PyLong_FromSize_t(span.end));
  PyStructSequence_SetItem(
      item.ptr(), 2,
      PyUnicode_Substring(text, static_cast<Py_ssize_t>(span.start),
                          static_cast<Py_ssize_t>(span.end)));
  if (PyErr_Occurred()) throw py::error_already_set();
  return item;
}

// The tokens of one text. Holds a reference to the text, so token texts are
// cut from it on demand.
struct Tokens {
  py::str text;
  std::vector<Token> tokens;

  size_t size() const { return tokens.size(); }
  py::object Item(size_t i) const {
    PyObject* item = NewToken(text.ptr(), tokens[i]);
    if (item == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(item);
  }

  py::list Texts() const {
    py::list out(tokens.size());
    for (size_t k = 0; k < tokens.size(); ++k) {
      PyObject* piece = PyUnicode_Substring(
          text.ptr(), static_cast<Py_ssize_t>(tokens[k].start),
          static_cast<Py_ssize_t>(tokens[k].end));
      if (piece == nullptr) throw py::error_already_set();
      PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(k), piece);
    }
    return out;
  }

  py::list Kinds() const {
    py::list out(tokens.size());
    for (size_t k = 0; k < tokens.size(); ++k) {
      PyObject* kind = kind_names[static_cast<int>(tokens[k].kind)];
      Py_INCREF(kind);
      PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(k), kind);
    }
    return out;
  }

  py::list Spans() const {
    py::list out(tokens.size());
    for (size_t k = 0; k < tokens.size(); ++k) {
      PyObject* span = Py_BuildValue("(nn)", tokens[k].start, tokens[k].end);
      if (span == nullptr) throw py::error_already_set();
      PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(k), span);
    }
    return out;
  }
};

// Pickled state: per token, start, end and kind as little-endian 64-bit
// integers (pickles travel between machines).
constexpr size_t kPackedTokenBytes = 24;

void PutUint64(uint64_t value, char* out) {
  for (int b = 0; b < 8; ++b) out[b] = static_cast<char>(value >> (8 * b));
}

uint64_t GetUint64(const char* in) {
  uint64_t value = 0;
  for (int b = 0; b < 8; ++b) {
    value |= static_cast<uint64_t>(static_cast<unsigned char>(in[b]))
             << (8 * b);
  }
  return value;
}

py::bytes PackTokens(const Tokens& tokens) {
  std::string packed(tokens.tokens.size() * kPackedTokenBytes, '\0');
  for (size_t k = 0; k < tokens.tokens.size(); ++k) {
    char* record = packed.data() + k * kPackedTokenBytes;
    PutUint64(tokens.tokens[k].start, record);
    PutUint64(tokens.tokens[k].end, record + 8);
    PutUint64(static_cast<uint64_t>(tokens.tokens[k].kind), record + 16);
  }
  return py::bytes(packed);
}

Tokens UnpackTokens(py::str text, py::bytes packed) {
  const std::string data = packed;
  if (data.size() % kPackedTokenBytes != 0) {
    throw py::value_error("corrupt Tokens state: size is not a whole record");
  }
  const size_t length = static_cast<size_t>(PyUnicode_GET_LENGTH(text.ptr()));
  Tokens out{std::move(text), {}};
  out.tokens.resize(data.size() / kPackedTokenBytes);
  size_t previous_end = 0;
  for (size_t k = 0; k < out.tokens.size(); ++k) {
    const char* bytes = data.data() + k * kPackedTokenBytes;
    const struct {
      uint64_t start, end, kind;
    } record = {GetUint64(bytes), GetUint64(bytes + 8), GetUint64(bytes + 16)};
    if (record.start < previous_end || record.end <= record.start ||
        record.end > length || record.kind >= kTokenKindCount) {
      throw py::value_error("corrupt Tokens state at token " +
                            std::to_string(k));
    }
    out.tokens[k] =
        Token{record.start, record.end, static_cast<TokenKind>(record.kind)};
    previous_end = record.end;
  }
  return out;
}

Tokens Tokenize(const Tokenizer& tokenizer, py::handle text) {
  const StrView view = ViewStr(text, "text");
  Tokens out{ExactStr(text), {}};
  ThrowIfError(MaybeWithoutGil(view.length, [&] {
    return tokenizer.TokenizeCodePoints(view.code_points(), &out.tokens);
  }));
  return out;
}

using TokensType = LazySequence<Tokens>;

constexpr char kTexts[] = "texts()";
constexpr char kKinds[] = "kinds()";
constexpr char kSpans[] = "spans()";

// Pickled as (text, packed tokens); kalima/tokenize.py's __reduce__ makes a
// bare Tokens and gives it that state.
PyObject* TokensGetState(PyObject* self, PyObject*) {
  return NewReferenceOf([&] {
    const Tokens& t = TokensType::ValueOf(self, "__getstate__()");
    return py::make_tuple(t.text, PackTokens(t));
  });
}

PyObject* TokensSetState(PyObject* self, PyObject* state) {
  return NewReferenceOf([&] {
    if (!PyTuple_Check(state) || PyTuple_GET_SIZE(state) != 2 ||
        !PyUnicode_Check(PyTuple_GET_ITEM(state, 0)) ||
        !PyBytes_Check(PyTuple_GET_ITEM(state, 1))) {
      throw py::value_error("corrupt Tokens state: expected (str, bytes)");
    }
    // tokenize() never makes Tokens of such a text.
    if (const std::optional<size_t> at =
            LoneSurrogateAt(ViewStr(PyTuple_GET_ITEM(state, 0), "text"))) {
      throw py::value_error(
          "corrupt Tokens state: its text has a lone surrogate at index " +
          std::to_string(*at));
    }
    TokensType::Fill(self, UnpackTokens(ExactStr(PyTuple_GET_ITEM(state, 0)),
                                        py::reinterpret_borrow<py::bytes>(
                                            PyTuple_GET_ITEM(state, 1))));
    return py::none();
  });
}

constexpr char kTokenizerClass[] = "kalima.Tokenizer";

// Tokenizer.tokenize as a plain CPython METH_FASTCALL function: per-line
// calls are short (a paragraph is ~0.5 us of work), and pybind11's general
// dispatcher would add about half as much again.
PyObject* FastTokenize(PyObject* self, PyObject* const* args,
                       Py_ssize_t nargs) {
  return FastMethodCall<Tokenizer>(
      self, args, nargs, "tokenize", kTokenizerClass,
      [](const Tokenizer& tokenizer, py::handle text) {
        return TokensType::Make(Tokenize(tokenizer, text));
      });
}

PyMethodDef fast_tokenize_def = {
    "tokenize",
    reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&FastTokenize)),
    METH_FASTCALL, "tokenize(text: str) -> Tokens\n\nThe tokens of text."};

py::list TokenizeBatch(const Tokenizer& tokenizer, py::handle texts,
                       int threads) {
  return MapStrs<std::vector<Token>>(
      texts, threads,
      [&](const CodePointsView& view, std::vector<Token>* tokens) {
        return tokenizer.TokenizeCodePoints(view, tokens);
      },
      [](py::handle text, std::vector<Token>& tokens) -> py::object {
        return TokensType::Make(Tokens{ExactStr(text), std::move(tokens)});
      });
}

PyMethodDef tokenize_batch_def = {
    "batch",
    reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(
        &BatchMethod<Tokenizer, &TokenizeBatch, kTokenizerClass>)),
    METH_FASTCALL | METH_KEYWORDS,
    "batch(texts: Iterable[str], threads: int = 0) -> list[Tokens]\n\n"
    "The tokens of each text, GIL released, on up to `threads` threads."};

py::list SpanList(PyObject* text, const std::vector<Span>& spans) {
  py::list out(spans.size());
  for (size_t k = 0; k < spans.size(); ++k) {
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(k),
                    NewSpan(text, spans[k]).release().ptr());
  }
  return out;
}

py::list SplitSentences(const SentenceSplitter& splitter, py::handle text) {
  const StrView view = ViewStr(text, "text");
  absl::StatusOr<std::vector<Span>> spans = MaybeWithoutGil(view.length, [&] {
    return splitter.SplitCodePoints(view.code_points());
  });
  ThrowIfError(spans.status());
  return SpanList(text.ptr(), *spans);
}

py::list SplitTokens(const SentenceSplitter& splitter, const Tokens& tokens) {
  const StrView view = ViewStr(tokens.text, "text");
  absl::StatusOr<std::vector<Span>> spans =
      splitter.SplitTokens(view.code_points(), tokens.tokens);
  ThrowIfError(spans.status());
  return SpanList(tokens.text.ptr(), *spans);
}

constexpr char kSplitterClass[] = "kalima.SentenceSplitter";

PyObject* FastSplit(PyObject* self, PyObject* const* args, Py_ssize_t nargsf,
                    PyObject* kwnames) {
  return FastOneArgumentCall<SentenceSplitter>(
      self, args, nargsf, kwnames, "split", "text", kSplitterClass,
      [](const SentenceSplitter& splitter, py::handle text) {
        return SplitSentences(splitter, text);
      });
}

PyMethodDef split_def = {
    "split", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&FastSplit)),
    METH_FASTCALL | METH_KEYWORDS,
    "split(text: str) -> list[Span]\n\nThe sentences of text."};

PyObject* FastSplitTokens(PyObject* self, PyObject* const* args,
                          Py_ssize_t nargsf, PyObject* kwnames) {
  return FastOneArgumentCall<SentenceSplitter>(
      self, args, nargsf, kwnames, "split_tokens", "tokens", kSplitterClass,
      [](const SentenceSplitter& splitter, py::handle tokens) {
        if (!TokensType::Check(tokens)) {
          throw py::type_error(
              std::string(
                  "split_tokens(): tokens must be kalima.Tokens, not ") +
              Py_TYPE(tokens.ptr())->tp_name);
        }
        return SplitTokens(splitter,
                           TokensType::ValueOf(tokens.ptr(), "split_tokens()"));
      });
}

PyMethodDef split_tokens_def = {
    "split_tokens",
    reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&FastSplitTokens)),
    METH_FASTCALL | METH_KEYWORDS,
    "split_tokens(tokens: Tokens) -> list[Span]\n\nThe sentences of the "
    "text the tokens were made from, from those tokens."};

py::list SplitBatch(const SentenceSplitter& splitter, py::handle texts,
                    int threads) {
  return MapStrs<std::vector<Span>>(
      texts, threads,
      [&](const CodePointsView& view, std::vector<Span>* spans) {
        absl::StatusOr<std::vector<Span>> split =
            splitter.SplitCodePoints(view);
        if (!split.ok()) return split.status();
        *spans = *std::move(split);
        return absl::OkStatus();
      },
      [](py::handle text, const std::vector<Span>& spans) -> py::object {
        return SpanList(text.ptr(), spans);
      });
}

PyMethodDef split_batch_def = {
    "batch",
    reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(
        &BatchMethod<SentenceSplitter, &SplitBatch, kSplitterClass>)),
    METH_FASTCALL | METH_KEYWORDS,
    "batch(texts: Iterable[str], threads: int = 0) -> list[list[Span]]\n\n"
    "The sentences of each text, GIL released, on up to `threads` threads."};

}  // namespace

void RegisterTokenize(py::module_& m) {
  static PyStructSequence_Field span_fields[] = {
      {"start", "str index of the first character"},
      {"end", "str index just past the last character"},
      {"text", "text[start:end]"},
      {nullptr, nullptr}};
  RegisterTokenType(m);
  span_type = MakeStructType("kalima.Span",
                             "A span of the caller's text, with its text.",
                             span_fields, 3);
  m.attr("Span") = py::reinterpret_borrow<py::object>(
      reinterpret_cast<PyObject*>(span_type));
  py::tuple names(kTokenKindCount);
  for (int k = 0; k < kTokenKindCount; ++k) {
    const std::string_view name = TokenKindName(static_cast<TokenKind>(k));
    PyObject* str = PyUnicode_FromStringAndSize(
        name.data(), static_cast<Py_ssize_t>(name.size()));
    if (str == nullptr) throw py::error_already_set();
    PyUnicode_InternInPlace(&str);
    kind_names[k] = str;
    Py_INCREF(str);
    PyTuple_SET_ITEM(names.ptr(), k, str);
  }
  m.attr("TOKEN_KINDS") = names;

  TokensType::Register(
      m, "Tokens",
      "The tokens of one text, in order: a read-only sequence "
      "of Token.\n\n"
      "len(tokens), tokens[i], slicing and iteration make "
      "Token objects on demand; texts(), kinds() and spans() "
      "return plain lists in one call; to_list() returns every "
      "Token; text is the tokenised str.",
      {{"texts", &TokensType::ListMethod<&Tokens::Texts, kTexts>, METH_NOARGS,
        "texts() -> list[str]\n\nEvery token's text, in order."},
       {"kinds", &TokensType::ListMethod<&Tokens::Kinds, kKinds>, METH_NOARGS,
        "kinds() -> list[str]\n\nEvery token's kind, in order."},
       {"spans", &TokensType::ListMethod<&Tokens::Spans, kSpans>, METH_NOARGS,
        "spans() -> list[tuple[int, int]]\n\nEvery token's (start, end)."},
       {"__getstate__", &TokensGetState, METH_NOARGS, nullptr},
       {"__setstate__", &TokensSetState, METH_O, nullptr}},
      {});

  py::class_<Tokenizer> tokenizer_class(m, "Tokenizer");
  tokenizer_class
      .def(py::init([](bool urls, bool emails, bool hashtags, bool mentions) {
             return Tokenizer(
                 TokenizerOptions{urls, emails, hashtags, mentions});
           }),
           py::arg("urls"), py::arg("emails"), py::arg("hashtags"),
           py::arg("mentions"))
      .def_property_readonly(
          "urls", [](const Tokenizer& t) { return t.options().urls; })
      .def_property_readonly(
          "emails", [](const Tokenizer& t) { return t.options().emails; })
      .def_property_readonly(
          "hashtags", [](const Tokenizer& t) { return t.options().hashtags; })
      .def_property_readonly(
          "mentions", [](const Tokenizer& t) { return t.options().mentions; });
  AddFastMethod(tokenizer_class, &fast_tokenize_def);
  AddFastMethod(tokenizer_class, &tokenize_batch_def);

  py::class_<SentenceSplitter> splitter_class(m, "SentenceSplitter");
  splitter_class
      .def(py::init([](bool line_break_ends_sentence) {
             return SentenceSplitter(SentenceOptions{line_break_ends_sentence});
           }),
           py::arg("line_break_ends_sentence"))
      .def_property_readonly("line_break_ends_sentence",
                             [](const SentenceSplitter& s) {
                               return s.options().line_break_ends_sentence;
                             });
  AddFastMethod(splitter_class, &split_def);
  AddFastMethod(splitter_class, &split_tokens_def);
  AddFastMethod(splitter_class, &split_batch_def);
}

}  // namespace kalima::python
