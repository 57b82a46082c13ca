// Binding of kalima::Segmenter and kalima::SegmenterTrainer. Results come
// back as plain tuples, which kalima/segment.py wraps in SegmentedToken and
// SegmentPart objects.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "kalima/segment.h"
#include "pystr.h"

namespace kalima::python {
namespace {

SegmentScheme SchemeOf(int scheme) {
  if (scheme != 0 && scheme != 1) throw py::value_error("unknown scheme");
  return static_cast<SegmentScheme>(scheme);
}

// A part's restored form when it differs from its text, else None.
py::object FormOf(const StrView& text, const SegmentPart& part) {
  bool plain = part.change == FormChange::kNone;
  std::u32string surface;
  surface.reserve(part.end - part.start);
  for (size_t i = part.start; i < part.end; ++i) {
    char32_t c;
    switch (text.kind) {
      case 1:
        c = text.latin1()[i];
        break;
      case 2:
        c = text.ucs2()[i];
        break;
      default:
        c = text.utf32()[i];
        break;
    }
    surface.push_back(c);
  }
  std::u32string form = RestoredForm(surface, part.change);
  if (plain && form == surface) return py::none();
  return MakeStr(form);
}

// [(start, end, kind, [(start, end, role, form or None), ...]), ...]
py::list ToPython(const StrView& text, const Segmentation& seg) {
  py::list out(seg.tokens.size());
  for (size_t i = 0; i < seg.tokens.size(); ++i) {
    const SegmentedToken& t = seg.tokens[i];
    const auto parts = seg.PartsOf(t);
    py::list items(parts.size());
    for (size_t k = 0; k < parts.size(); ++k) {
      const SegmentPart& p = parts[k];
      items[k] = py::make_tuple(p.start, p.end, static_cast<int>(p.role),
                                FormOf(text, p));
    }
    out[i] = py::make_tuple(t.token.start, t.token.end,
                            static_cast<int>(t.token.kind), std::move(items));
  }
  return out;
}

py::list Segment(const Segmenter& segmenter, py::handle text, int scheme) {
  const StrView view = ViewStr(text, "text");
  const SegmentScheme s = SchemeOf(scheme);
  Segmentation seg;
  absl::Status status = MaybeWithoutGil(view.length, [&] {
    return segmenter.SegmentCodePoints(view.code_points(), s, {}, &seg);
  });
  ThrowIfError(status);
  return ToPython(view, seg);
}

py::list SegmentBatch(const Segmenter& segmenter, py::handle texts, int scheme,
                      int threads) {
  std::vector<CodePointsView> views;
  py::tuple keep = ViewStrs(texts, &views);
  const SegmentScheme s = SchemeOf(scheme);
  absl::StatusOr<std::vector<Segmentation>> result;
  {
    py::gil_scoped_release release;
    result = segmenter.SegmentCodePointsBatch(views, s, {}, threads);
  }
  ThrowIfError(result.status());
  py::list out(views.size());
  for (size_t i = 0; i < views.size(); ++i) {
    out[i] = ToPython(ViewStr(keep[i], "texts", i), (*result)[i]);
  }
  return out;
}

std::u32string Word(py::handle word) {
  const StrView view = ViewStr(word, "word");
  std::u32string out;
  out.reserve(view.length);
  for (size_t i = 0; i < view.length; ++i) {
    out.push_back(view.kind == 1   ? view.latin1()[i]
                  : view.kind == 2 ? view.ucs2()[i]
                                   : view.utf32()[i]);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] >= 0xD800 && out[i] <= 0xDFFF) {
      ThrowIfError(absl::InvalidArgumentError("lone surrogate at index " +
                                              std::to_string(i)));
    }
  }
  return out;
}

py::list SegmentWord(const Segmenter& segmenter, py::handle word, int scheme) {
  const std::u32string letters = Word(word);
  const StrView view = ViewStr(word, "word");
  py::list out;
  for (const SegmentPart& p :
       segmenter.SegmentWord(letters, SchemeOf(scheme))) {
    out.append(py::make_tuple(p.start, p.end, static_cast<int>(p.role),
                              FormOf(view, p)));
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
          [](py::bytes data, const std::string& source) {
            absl::StatusOr<Segmenter> s =
                Segmenter::FromBytes(std::string(data), source);
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
      .def("segment", &Segment, py::arg("text"), py::arg("scheme"))
      .def("batch", &SegmentBatch, py::arg("texts"), py::arg("scheme"),
           py::arg("threads"))
      .def("segment_word", &SegmentWord, py::arg("word"), py::arg("scheme"))
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
          [](SegmenterTrainer& trainer, py::handle texts, int threads) {
            std::vector<CodePointsView> views;
            py::tuple keep = ViewStrs(texts, &views);
            absl::Status status;
            {
              py::gil_scoped_release release;
              status = trainer.AddCodePointsBatch(views, threads);
            }
            ThrowIfError(status);
          },
          py::arg("texts"), py::arg("threads") = 0)
      .def(
          "add_name",
          [](SegmenterTrainer& trainer, const std::string& name) {
            ThrowIfError(trainer.AddName(name));
          },
          py::arg("name"))
      .def_property_readonly("words", &SegmenterTrainer::words)
      .def_property_readonly("names", &SegmenterTrainer::names)
      .def(
          "build",
          [](const SegmenterTrainer& trainer, std::vector<double> weights,
             const std::string& description, uint32_t min_count) {
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
