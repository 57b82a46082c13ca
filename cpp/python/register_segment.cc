// Binding of kalima::Segmenter and kalima::SegmenterTrainer. Results come
// back as lists of SegmentedToken, each with a tuple of SegmentPart.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kalima/segment.h"
#include "pystr.h"

namespace kalima::python {
namespace {

// The result types (struct sequences: small, immutable, fast to make from C)
// and the role and kind names, made once at import.
PyTypeObject* part_type = nullptr;
PyTypeObject* token_type = nullptr;
PyObject* role_names[kCliticRoleCount] = {};
PyObject* kind_names[kTokenKindCount] = {};

SegmentScheme SchemeOf(int scheme) {
  if (scheme != 0 && scheme != 1) throw py::value_error("unknown scheme");
  return static_cast<SegmentScheme>(scheme);
}

char32_t UnitAt(const StrView& text, size_t i) {
  switch (text.kind) {
    case 1:
      return text.latin1()[i];
    case 2:
      return text.ucs2()[i];
    default:
      return text.utf32()[i];
  }
}

PyObject* Checked(PyObject* object) {
  if (object == nullptr) throw py::error_already_set();
  return object;
}

PyObject* NewRef(PyObject* object) {
  Py_INCREF(object);
  return object;
}

// A SegmentPart of `text` (whose storage `view` is), taking its start, end
// and surface objects (shared with the token and the neighbouring parts:
// most words are one part, and a part ends where the next starts).
PyObject* NewPart(const StrView& view, const SegmentPart& p,
                  const py::object& start, const py::object& end,
                  const py::object& surface) {
  py::object part = py::reinterpret_steal<py::object>(
      Checked(PyStructSequence_New(part_type)));
  PyStructSequence_SetItem(part.ptr(), 0, NewRef(start.ptr()));
  PyStructSequence_SetItem(part.ptr(), 1, NewRef(end.ptr()));
  PyStructSequence_SetItem(part.ptr(), 2, NewRef(surface.ptr()));
  constexpr size_t kInline = 64;
  char32_t inline_letters[kInline];
  std::u32string long_letters;
  const size_t n = p.end - p.start;
  char32_t* letters = inline_letters;
  if (n > kInline) {
    long_letters.resize(n);
    letters = long_letters.data();
  }
  for (size_t i = 0; i < n; ++i) letters[i] = UnitAt(view, p.start + i);
  const std::u32string_view surface_letters(letters, n);
  PyObject* form =
      p.change == FormChange::kNone && IsRestoredForm(surface_letters)
          ? NewRef(surface.ptr())
          : MakeStr(RestoredForm(surface_letters, p.change)).release().ptr();
  PyStructSequence_SetItem(part.ptr(), 3, form);
  PyStructSequence_SetItem(part.ptr(), 4,
                           NewRef(role_names[static_cast<int>(p.role)]));
  return part.release().ptr();
}

py::object Index(size_t i) {
  return py::reinterpret_steal<py::object>(Checked(PyLong_FromSize_t(i)));
}

py::object Substring(PyObject* text, size_t start, size_t end) {
  return py::reinterpret_steal<py::object>(Checked(PyUnicode_Substring(
      text, static_cast<Py_ssize_t>(start), static_cast<Py_ssize_t>(end))));
}

// A SegmentedToken of `text`.
PyObject* NewSegmentedToken(PyObject* text, const StrView& view,
                            const Segmentation& seg, const SegmentedToken& t) {
  const auto parts = seg.PartsOf(t);
  const py::object start = Index(t.token.start);
  const py::object end = Index(t.token.end);
  const py::object token_text = Substring(text, t.token.start, t.token.end);
  py::tuple items(parts.size());
  py::object part_start = start;
  for (size_t k = 0; k < parts.size(); ++k) {
    const bool last = k + 1 == parts.size();
    py::object part_end = last ? end : Index(parts[k].end);
    const py::object surface =
        parts.size() == 1 ? token_text
                          : Substring(text, parts[k].start, parts[k].end);
    PyTuple_SET_ITEM(items.ptr(), k,
                     NewPart(view, parts[k], part_start, part_end, surface));
    part_start = std::move(part_end);
  }
  py::object token = py::reinterpret_steal<py::object>(
      Checked(PyStructSequence_New(token_type)));
  PyStructSequence_SetItem(token.ptr(), 0, NewRef(start.ptr()));
  PyStructSequence_SetItem(token.ptr(), 1, NewRef(end.ptr()));
  PyStructSequence_SetItem(token.ptr(), 2, NewRef(token_text.ptr()));
  PyStructSequence_SetItem(token.ptr(), 3,
                           NewRef(kind_names[static_cast<int>(t.token.kind)]));
  PyStructSequence_SetItem(token.ptr(), 4, items.release().ptr());
  return token.release().ptr();
}

py::list ToPython(py::handle text, const StrView& view,
                  const Segmentation& seg) {
  // Making the objects takes several times as long as segmenting: for a long
  // text, Ctrl-C is looked for every so many tokens (a flag read while no
  // signal has come). The list is made at the end, as a signal handler
  // (Python code) must meet no list with empty slots.
  constexpr size_t kTokensBetweenSignalChecks = 4096;
  std::vector<py::object> tokens;
  tokens.reserve(seg.tokens.size());
  for (size_t i = 0; i < seg.tokens.size(); ++i) {
    if (i % kTokensBetweenSignalChecks == kTokensBetweenSignalChecks - 1 &&
        PyErr_CheckSignals() != 0) {
      throw py::error_already_set();
    }
    tokens.push_back(py::reinterpret_steal<py::object>(
        NewSegmentedToken(text.ptr(), view, seg, seg.tokens[i])));
  }
  py::list out(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    PyList_SET_ITEM(out.ptr(), i, tokens[i].release().ptr());
  }
  return out;
}

py::list Segment(const Segmenter& segmenter, py::handle text, int scheme) {
  const StrView view = ViewStr(text, "text");
  const SegmentScheme s = SchemeOf(scheme);
  // A text segmented in several windows is checked for Ctrl-C between them
  // (see SegmentInterrupt); a shorter one asks nothing.
  SegmentInterrupt between_windows;
  if (view.length > kSegmentWindowUnits) between_windows = SignalCheck();
  Segmentation seg;
  absl::Status status = MaybeWithoutGil(view.length, [&] {
    return segmenter.SegmentCodePoints(view.code_points(), s, {}, &seg,
                                       between_windows);
  });
  RaiseIfSignalled();
  ThrowIfError(status);
  return ToPython(text, view, seg);
}

// Segments every str of `texts` without the GIL, and calls
// convert(text, view, segmentation) for each under it (see MapStrs).
template <typename Convert>
py::list MapBatch(const Segmenter& segmenter, py::handle texts, int scheme,
                  int threads, Convert&& convert) {
  const SegmentScheme s = SchemeOf(scheme);
  return MapStrs<Segmentation>(
      texts, threads,
      [&](const CodePointsView& view, Segmentation* seg) {
        return segmenter.SegmentCodePoints(view, s, {}, seg);
      },
      [&](py::handle text, const Segmentation& seg) -> py::object {
        return convert(text, ViewStr(text, "texts"), seg);
      });
}

py::list SegmentBatch(const Segmenter& segmenter, py::handle texts, int scheme,
                      py::handle threads) {
  return MapBatch(segmenter, texts, scheme,
                  ThreadsArgument(threads, "segment_batch"), ToPython);
}

// The text's tokens joined by spaces, each with its parts joined by
// `separator` ("و+ل+لحكومة"), as one str.
py::str Joined(const StrView& view, const Segmentation& seg,
               std::u32string_view separator) {
  std::u32string out;
  for (size_t i = 0; i < seg.tokens.size(); ++i) {
    if (i > 0) out.push_back(U' ');
    const auto parts = seg.PartsOf(seg.tokens[i]);
    for (size_t k = 0; k < parts.size(); ++k) {
      if (k > 0) out.append(separator);
      for (size_t u = parts[k].start; u < parts[k].end; ++u) {
        out.push_back(UnitAt(view, u));
      }
    }
  }
  return MakeStr(out);
}

py::list SegmentedTexts(const Segmenter& segmenter, py::handle texts,
                        int scheme, py::handle separator_str,
                        py::handle threads) {
  const StrView separator_view = ViewStr(separator_str, "separator");
  if (const std::optional<size_t> at = LoneSurrogateAt(separator_view)) {
    throw py::value_error("separator has a lone surrogate at index " +
                          std::to_string(*at));
  }
  std::u32string separator;
  for (size_t u = 0; u < separator_view.length; ++u) {
    separator.push_back(UnitAt(separator_view, u));
  }
  return MapBatch(
      segmenter, texts, scheme, ThreadsArgument(threads, "segmented_texts"),
      [&](py::handle, const StrView& view, const Segmentation& seg) {
        return Joined(view, seg, separator);
      });
}

std::u32string Word(py::handle word) {
  const StrView view = ViewStr(word, "word");
  std::u32string out;
  out.reserve(view.length);
  for (size_t i = 0; i < view.length; ++i) out.push_back(UnitAt(view, i));
  if (const std::optional<size_t> at = LoneSurrogateAt(view)) {
    // Worded as the core words it for texts.
    char message[64];
    std::snprintf(message, sizeof(message),
                  "lone surrogate U+%04X at index %zu is not a character",
                  static_cast<unsigned>(out[*at]), *at);
    ThrowIfError(absl::InvalidArgumentError(message));
  }
  return out;
}

py::tuple SegmentWord(const Segmenter& segmenter, py::handle word, int scheme) {
  const std::u32string letters = Word(word);
  const StrView view = ViewStr(word, "word");
  const std::vector<SegmentPart> parts =
      segmenter.SegmentWord(letters, SchemeOf(scheme));
  py::tuple out(parts.size());
  for (size_t k = 0; k < parts.size(); ++k) {
    PyTuple_SET_ITEM(
        out.ptr(), k,
        NewPart(view, parts[k], Index(parts[k].start), Index(parts[k].end),
                Substring(word.ptr(), parts[k].start, parts[k].end)));
  }
  return out;
}

// [([(start, end), ...], [feature, ...]), ...]
py::list Candidates(const Segmenter& segmenter, py::handle word) {
  py::list out;
  for (const SegmentCandidate& c : segmenter.Candidates(Word(word))) {
    py::list spans;
    for (const SegmentPart& p : c.parts) {
      spans.append(py::make_tuple(p.start, p.end));
    }
    out.append(py::make_tuple(std::move(spans), py::cast(c.features)));
  }
  return out;
}

}  // namespace

void RegisterSegment(py::module_& m) {
  static PyStructSequence_Field part_fields[] = {
      {"start", "str index of the part's first character"},
      {"end", "str index just past its last character"},
      {"text", "its characters as written: text[start:end]"},
      {"form",
       "the form it stands for (ال for the ل of لل, مدرسة for "
       "the مدرست of مدرستهم), without diacritics"},
      {"role", "conj, prep, future, article, stem or pronoun"},
      {nullptr, nullptr}};
  static PyStructSequence_Field token_fields[] = {
      {"start", "str index of the token's first character"},
      {"end", "str index just past its last character"},
      {"text", "text[start:end]"},
      {"kind", "the token's kind, as kalima.tokenize gives it"},
      {"parts", "tuple of SegmentPart, in order, covering the token"},
      {nullptr, nullptr}};
  part_type = MakeStructType(
      "kalima.SegmentPart", "A clitic or stem of a word, in the caller's text.",
      part_fields, 5);
  token_type = MakeStructType(
      "kalima.SegmentedToken",
      "A token of kalima.tokenize with its clitics and stem.", token_fields, 5);
  m.attr("SegmentPart") = py::reinterpret_borrow<py::object>(
      reinterpret_cast<PyObject*>(part_type));
  m.attr("SegmentedToken") = py::reinterpret_borrow<py::object>(
      reinterpret_cast<PyObject*>(token_type));
  auto interned = [](std::string_view name) {
    PyObject* str = Checked(PyUnicode_FromStringAndSize(
        name.data(), static_cast<Py_ssize_t>(name.size())));
    PyUnicode_InternInPlace(&str);
    return str;
  };
  for (int i = 0; i < kCliticRoleCount; ++i) {
    role_names[i] = interned(CliticRoleName(static_cast<CliticRole>(i)));
  }
  for (int k = 0; k < kTokenKindCount; ++k) {
    kind_names[k] = interned(TokenKindName(static_cast<TokenKind>(k)));
  }

  m.def("segmenter_feature_names", [] {
    std::vector<std::string> names;
    for (std::string_view n : SegmenterFeatureNames()) names.emplace_back(n);
    return names;
  });
  m.def("clitic_role_names", [] {
    std::vector<std::string> names;
    for (int i = 0; i < kCliticRoleCount; ++i) {
      names.emplace_back(CliticRoleName(static_cast<CliticRole>(i)));
    }
    return names;
  });

  py::class_<Segmenter>(m, "Segmenter")
      .def_static(
          "from_bytes",
          [](py::bytes data, py::handle source) {
            absl::StatusOr<Segmenter> s = Segmenter::FromBytes(
                std::string(data), Utf8Of(source, "source"));
            ThrowIfError(s.status());
            return *std::move(s);
          },
          py::arg("data"), py::arg("source"))
      .def_static(
          "load",
          [](const std::string& path) {
            absl::StatusOr<Segmenter> s;
            {
              py::gil_scoped_release release;
              s = Segmenter::Load(path);
            }
            ThrowIfError(s.status());
            return *std::move(s);
          },
          py::arg("path"))
      .def(
          "save",
          [](const Segmenter& s, const std::string& path) {
            absl::Status saved;
            {
              py::gil_scoped_release release;
              saved = s.Save(path);
            }
            ThrowIfError(saved);
          },
          py::arg("path"))
      .def("segment", &Segment, py::arg("text"), py::arg("scheme"))
      .def("batch", &SegmentBatch, py::arg("texts"), py::arg("scheme"),
           py::arg("threads"))
      .def("segment_word", &SegmentWord, py::arg("word"), py::arg("scheme"))
      .def("segmented_texts", &SegmentedTexts, py::arg("texts"),
           py::arg("scheme"), py::arg("separator"), py::arg("threads"))
      .def("candidates", &Candidates, py::arg("word"))
      .def_property_readonly(
          "model_bytes",
          [](const Segmenter& s) { return py::bytes(s.model_bytes()); })
      .def_property_readonly(
          "description",
          [](const Segmenter& s) { return std::string(s.description()); })
      .def_property_readonly("weights",
                             [](const Segmenter& s) {
                               const auto w = s.weights();
                               return std::vector<double>(w.begin(), w.end());
                             })
      .def_property_readonly("vocabulary_size", &Segmenter::vocabulary_size);

  py::class_<SegmenterTrainer>(m, "SegmenterTrainer")
      .def(py::init<>())
      .def(
          "add_texts",
          [](SegmenterTrainer& trainer, py::handle texts, py::handle threads) {
            const int workers = ThreadsArgument(threads, "add_texts");
            std::vector<CodePointsView> views;
            py::tuple keep = ViewStrs(texts, &views);
            absl::Status status;
            {
              py::gil_scoped_release release;
              status = trainer.AddCodePointsBatch(views, workers);
            }
            ThrowIfError(status);
          },
          py::arg("texts"), py::arg("threads") = 0)
      .def(
          "add_name",
          [](SegmenterTrainer& trainer, py::handle name) {
            ThrowIfError(trainer.AddName(Utf8Of(name, "name")));
          },
          py::arg("name"))
      .def_property_readonly("words", &SegmenterTrainer::words)
      .def_property_readonly("names", &SegmenterTrainer::names)
      .def(
          "build",
          [](const SegmenterTrainer& trainer, std::vector<double> weights,
             py::handle description_arg, uint32_t min_count) {
            const std::string description =
                Utf8Of(description_arg, "description");
            absl::StatusOr<std::string> bytes;
            {
              py::gil_scoped_release release;
              bytes = trainer.Build(weights, description, min_count);
            }
            ThrowIfError(bytes.status());
            return py::bytes(*bytes);
          },
          py::arg("weights"), py::arg("description"), py::arg("min_count"));
}

}  // namespace kalima::python
