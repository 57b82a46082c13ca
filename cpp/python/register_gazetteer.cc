// Binding of kalima::GazetteerBuilder and kalima::Gazetteer. Matches come
// back as Match struct sequences; keyword arguments, TSV reading and
// pickling live in kalima/gazetteer.py.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "kalima/gazetteer.h"
#include "pystr.h"

namespace kalima::python {
namespace {

PyTypeObject* match_type = nullptr;

GazetteerMode ModeOf(const std::string& mode) {
  if (mode == "longest") return GazetteerMode::kLongest;
  if (mode == "all") return GazetteerMode::kAll;
  throw py::value_error("unknown mode '" + mode +
                        "'; expected 'longest' or 'all'");
}

py::str Utf8Str(const std::string& s) {
  return py::reinterpret_steal<py::str>(PyUnicode_DecodeUTF8(
      s.data(), static_cast<Py_ssize_t>(s.size()), "strict"));
}

// The Match objects of `text`.
py::list ToPython(const Gazetteer& g, py::handle text,
                  const std::vector<GazetteerMatch>& matches) {
  py::list out(matches.size());
  for (size_t i = 0; i < matches.size(); ++i) {
    const GazetteerMatch& m = matches[i];
    const GazetteerEntry& e = g.entry(m.entry);
    py::object item =
        py::reinterpret_steal<py::object>(PyStructSequence_New(match_type));
    if (!item) throw py::error_already_set();
    auto set = [&](int k, py::object value) {
      PyStructSequence_SetItem(item.ptr(), k, value.release().ptr());
    };
    set(0, py::int_(m.start));
    set(1, py::int_(m.end));
    set(2, py::reinterpret_steal<py::object>(
               PyUnicode_Substring(text.ptr(), static_cast<Py_ssize_t>(m.start),
                                   static_cast<Py_ssize_t>(m.end))));
    set(3, py::reinterpret_steal<py::object>(PyUnicode_Substring(
               text.ptr(), static_cast<Py_ssize_t>(m.prefix_start),
               static_cast<Py_ssize_t>(m.start))));
    set(4, Utf8Str(e.name));
    set(5, Utf8Str(e.label));
    set(6, e.id.empty() ? py::object(py::none()) : py::object(Utf8Str(e.id)));
    set(7, py::int_(0));
    out[i] = std::move(item);
  }
  return out;
}

py::list Find(const Gazetteer& g, py::handle text, const std::string& mode) {
  const StrView view = ViewStr(text, "text");
  const GazetteerMode m = ModeOf(mode);
  std::vector<GazetteerMatch> matches;
  ThrowIfError(MaybeWithoutGil(view.length, [&] {
    return g.FindCodePoints(view.code_points(), m, &matches);
  }));
  return ToPython(g, text, matches);
}

py::list FindBatch(const Gazetteer& g, py::handle texts,
                   const std::string& mode, int threads) {
  const GazetteerMode m = ModeOf(mode);
  return MapStrs(
      texts,
      [&](const std::vector<CodePointsView>& views) {
        return g.FindCodePointsBatch(views, m, threads);
      },
      [&](py::handle text, const std::vector<GazetteerMatch>& matches)
          -> py::object { return ToPython(g, text, matches); });
}

}  // namespace

void RegisterGazetteer(py::module_& m) {
  static PyStructSequence_Field fields[] = {
      {"start", "str index where the name starts (after its proclitics)"},
      {"end", "str index just past the name"},
      {"text", "text[start:end], the name as written"},
      {"prefix", "the proclitics written before it (و, لل...), or ''"},
      {"name", "the canonical name of the entry"},
      {"label", "the entry's label"},
      {"id", "the entry's id, or None"},
      {"edits", "edits between the text and the name (0: exact)"},
      {nullptr, nullptr}};
  match_type =
      MakeStructType("kalima.Match",
                     "A gazetteer name found in the caller's text.", fields, 8);
  m.attr("Match") = py::reinterpret_borrow<py::object>(
      reinterpret_cast<PyObject*>(match_type));

  py::class_<GazetteerBuilder>(m, "GazetteerBuilder")
      .def(py::init([](const Normalizer& normalizer, bool clitics) {
             return GazetteerBuilder(normalizer, clitics);
           }),
           py::arg("normalizer"), py::arg("clitics"))
      .def(
          "add",
          [](GazetteerBuilder& b, const std::string& name,
             const std::string& label, const std::string& id,
             const std::vector<std::string>& aliases) {
            std::vector<std::string_view> views(aliases.begin(), aliases.end());
            ThrowIfError(b.Add(name, label, id, views));
          },
          py::arg("name"), py::arg("label"), py::arg("id"), py::arg("aliases"))
      .def("__len__", &GazetteerBuilder::size)
      .def("build", &GazetteerBuilder::Build);

  py::class_<Gazetteer>(m, "Gazetteer")
      .def("find", &Find, py::arg("text"), py::arg("mode"))
      .def("find_batch", &FindBatch, py::arg("texts"), py::arg("mode"),
           py::arg("threads"))
      .def("__len__", &Gazetteer::size);
}

}  // namespace kalima::python
