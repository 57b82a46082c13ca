// Binding of kalima::GazetteerBuilder and kalima::Gazetteer. Rows are
// checked and converted here (Python types in, UTF-8 out); matches come back
// as Match struct sequences. TSV reading, defaults and pickling live in
// kalima/gazetteer.py.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "kalima/gazetteer.h"
#include "lazy_sequence.h"
#include "pystr.h"

namespace kalima::python {
namespace {

PyTypeObject* match_type = nullptr;

// `mode` and `max_edits` as given from Python, checked: TypeError for the
// wrong type (a bool is no count of edits), ValueError for a wrong value.
GazetteerFindOptions OptionsOf(py::handle mode, py::handle max_edits) {
  GazetteerFindOptions options;
  if (!PyUnicode_Check(mode.ptr())) {
    throw py::type_error(std::string("mode must be a str, not ") +
                         Py_TYPE(mode.ptr())->tp_name);
  }
  // Compared in place: per-line calls pass a mode every time.
  if (PyUnicode_CompareWithASCIIString(mode.ptr(), "longest") == 0) {
    options.mode = GazetteerMode::kLongest;
  } else if (PyUnicode_CompareWithASCIIString(mode.ptr(), "all") == 0) {
    options.mode = GazetteerMode::kAll;
  } else {
    throw py::value_error("unknown mode " + py::repr(mode).cast<std::string>() +
                          "; expected 'longest' or 'all'");
  }
  if (!PyLong_Check(max_edits.ptr()) || PyBool_Check(max_edits.ptr())) {
    throw py::type_error(std::string("max_edits must be an int, not ") +
                         Py_TYPE(max_edits.ptr())->tp_name);
  }
  const long edits = PyLong_AsLong(max_edits.ptr());
  if (edits != 0 && edits != 1) {
    PyErr_Clear();  // An int too large for a long is out of range too.
    throw py::value_error("max_edits must be 0 or 1, not " +
                          py::repr(max_edits).cast<std::string>());
  }
  options.max_edits = static_cast<int>(edits);
  return options;
}

// A str of UTF-8 the gazetteer holds (UnicodeDecodeError if a corrupt file
// held bytes that are not: its checksum covers accidents, not forgery).
py::object Utf8Str(std::string_view s) {
  PyObject* str = PyUnicode_DecodeUTF8(
      s.data(), static_cast<Py_ssize_t>(s.size()), "strict");
  if (str == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(str);
}

// The matches of one text: the text, the gazetteer and the raw matches;
// Match objects are made only when the caller looks at one (loops over
// large inputs make millions of matches).
struct Matches {
  py::str text;
  Gazetteer gazetteer;
  std::vector<GazetteerMatch> matches;

  py::object Item(size_t i) const {
    const GazetteerMatch& m = matches[i];
    py::object item =
        py::reinterpret_steal<py::object>(PyStructSequence_New(match_type));
    if (!item) throw py::error_already_set();
    auto set = [&](int k, PyObject* value) {
      if (value == nullptr) throw py::error_already_set();
      PyStructSequence_SetItem(item.ptr(), k, value);
    };
    const GazetteerEntryView e = gazetteer.entry_view(m.entry);
    set(0, PyLong_FromSize_t(m.start));
    set(1, PyLong_FromSize_t(m.end));
    set(2, PyUnicode_Substring(text.ptr(), static_cast<Py_ssize_t>(m.start),
                               static_cast<Py_ssize_t>(m.end)));
    set(3,
        PyUnicode_Substring(text.ptr(), static_cast<Py_ssize_t>(m.prefix_start),
                            static_cast<Py_ssize_t>(m.start)));
    set(4, Utf8Str(e.name).release().ptr());
    set(5, Utf8Str(e.label).release().ptr());
    set(6, e.id.empty() ? py::none().release().ptr()
                        : Utf8Str(e.id).release().ptr());
    set(7, PyLong_FromUnsignedLong(m.edits));
    // Its fields are ints, strs and None, which cannot form a cycle: the
    // cyclic GC need not visit it.
    PyObject_GC_UnTrack(item.ptr());
    return item;
  }

  size_t size() const { return matches.size(); }
  py::list All() const { return LazyAll(*this); }
};

using MatchesType = LazySequence<Matches>;

// Equal to a list or tuple of the same Match objects, or to Matches holding
// them; unhashable, as the list it stands for.
PyObject* MatchesCompare(PyObject* self, PyObject* other, int op) {
  if ((op != Py_EQ && op != Py_NE) ||
      !(MatchesType::Check(other) || PyList_Check(other) ||
        PyTuple_Check(other))) {
    Py_RETURN_NOTIMPLEMENTED;
  }
  return NewReferenceOf([&] {
    const bool equal =
        MatchesType::ValueOf(self, "==")
            .All()
            .equal(py::list(py::reinterpret_borrow<py::object>(other)));
    return py::bool_(equal == (op == Py_EQ));
  });
}

// At most kMatchesShown of them, then how many more, as a Tokens' repr:
// Jupyter makes the repr of every result it shows, and the hundreds of
// thousands of matches of a long text made one of tens of megabytes.
constexpr size_t kMatchesShown = 8;
PyObject* MatchesRepr(PyObject* self) {
  return NewReferenceOf([&] {
    const Matches& found = MatchesType::ValueOf(self, "repr()");
    if (found.size() <= kMatchesShown) {
      return py::str("kalima.Matches({})").format(py::repr(found.All()));
    }
    py::list shown;
    for (size_t i = 0; i < kMatchesShown; ++i) {
      shown.append(py::repr(found.Item(i)));
    }
    return py::str("kalima.Matches([{}, ... {} more])")
        .format(py::str(", ").attr("join")(shown),
                found.size() - kMatchesShown);
  });
}

// Pickled as the list of its Match objects.
PyObject* MatchesReduce(PyObject* self, PyObject*) {
  return NewReferenceOf([&] {
    return py::make_tuple(
        py::reinterpret_borrow<py::object>(
            reinterpret_cast<PyObject*>(&PyList_Type)),
        py::make_tuple(MatchesType::ValueOf(self, "pickle").All()));
  });
}

// The matches of one text, found into storage kept per thread and then
// copied at their size: one allocation per text rather than one per
// doubling. Many matches (a whole file's) are handed over instead: a copy
// would add their size again to the peak, where what is handed over keeps
// at most as much again while the result lives. The storage is taken while
// in use, so that a find made meanwhile (by a signal handler run between
// the windows of this one, see SignalCheck) finds none kept and uses its
// own.
absl::Status FindSized(const Gazetteer& g, const CodePointsView& text,
                       const GazetteerFindOptions& options,
                       std::vector<GazetteerMatch>* matches) {
  constexpr size_t kKeptMatches = size_t{1} << 16;
  thread_local std::vector<GazetteerMatch> kept;
  std::vector<GazetteerMatch> found = std::exchange(kept, {});
  absl::Status status = g.FindCodePoints(text, options, &found);
  if (found.capacity() > kKeptMatches) {
    *matches = std::move(found);
  } else {
    matches->assign(found.begin(), found.end());
    kept = std::move(found);
  }
  return status;
}

py::object Find(const Gazetteer& g, py::handle text, py::handle mode,
                py::handle max_edits) {
  const StrView view = ViewStr(text, "text");
  GazetteerFindOptions options = OptionsOf(mode, max_edits);
  // A text read in several windows is checked for Ctrl-C between them (see
  // GazetteerFindOptions::between_windows); a shorter one asks nothing.
  if (view.length > kGazetteerWindowUnits) {
    options.between_windows = SignalCheck();
  }
  std::vector<GazetteerMatch> matches;
  const absl::Status status = MaybeWithoutGil(view.length, [&] {
    return FindSized(g, view.code_points(), options, &matches);
  });
  RaiseIfSignalled();
  ThrowIfError(status);
  return MatchesType::Make(Matches{ExactStr(text), g, std::move(matches)});
}

// Gazetteer.find as a plain CPython METH_FASTCALL function (text, mode,
// max_edits, all positional, as kalima.Gazetteer.find passes them): per-line
// calls find in a few microseconds, and pybind11's general dispatcher with
// three arguments would add a tenth to that.
PyObject* FastFind(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return FastMethodCallWith<Gazetteer>(
      self, args, nargs, 3, "find", "text, mode, max_edits",
      "kalima._kalima.Gazetteer",
      [](const Gazetteer& g, PyObject* const* given) {
        return Find(g, given[0], given[1], given[2]);
      });
}

PyMethodDef fast_find_def = {
    "find", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&FastFind)),
    METH_FASTCALL,
    "find(text: str, mode: str, max_edits: int) -> Matches\n\nThe names "
    "found in text."};

py::list FindBatch(const Gazetteer& g, py::handle texts, py::handle mode,
                   py::handle max_edits, py::handle threads) {
  const GazetteerFindOptions options = OptionsOf(mode, max_edits);
  return MapStrs<std::vector<GazetteerMatch>>(
      texts, ThreadsArgument(threads, "find_batch"),
      [&](const CodePointsView& view, std::vector<GazetteerMatch>* matches) {
        return FindSized(g, view, options, matches);
      },
      [&](py::handle text, std::vector<GazetteerMatch>& matches) -> py::object {
        return MatchesType::Make(
            Matches{ExactStr(text), g, std::move(matches)});
      });
}

// Where a row or word of a batch is, for error messages (built only when
// one is raised): "<what>[first + index]: "; "" for a single add.
struct Place {
  const char* what = nullptr;
  size_t first = 0;
  size_t index = 0;

  std::string str() const {
    if (what == nullptr) return "";
    return what + ("[" + std::to_string(first + index) + "]: ");
  }
};

// A batch's working storage, reused from row to row.
struct RowScratch {
  std::string utf8;
  std::vector<size_t> ends;
  std::vector<std::string_view> fields;
};

// Appends `value` (a str) to `utf8`; TypeError or ValueError naming `place`
// and `what` otherwise. The name is made only for an error, which
// AppendUtf8 then raises.
void TakeStr(py::handle value, const Place& place, const char* what,
             std::string* utf8) {
  size_t surrogate_at = 0;
  if (!PyUnicode_Check(value.ptr()) ||
      !TryAppendUtf8(ViewStr(value, what), utf8, &surrogate_at)) {
    AppendUtf8(value, place.str() + what, utf8);
  }
}

// Converts and adds one row; errors are prefixed with `place`.
void AddRow(GazetteerBuilder& builder, py::handle name, py::handle label,
            py::handle id, py::handle aliases, const Place& place,
            RowScratch* scratch) {
  // One buffer for all the row's strings, viewed once it stops growing.
  std::string& utf8 = scratch->utf8;
  std::vector<size_t>& ends = scratch->ends;
  utf8.clear();
  ends.clear();
  auto take = [&](py::handle value, const char* what) {
    TakeStr(value, place, what, &utf8);
    ends.push_back(utf8.size());
  };
  take(name, "name");
  take(label, "label");
  if (id.is_none()) {
    ends.push_back(utf8.size());
  } else {
    take(id, "id");
  }
  if (!aliases.is_none()) {
    // Any iterable of str, as Gazetteer.add takes them (a set, a generator),
    // but not a str or bytes, which would be read a letter at a time.
    const bool sequence =
        PyList_Check(aliases.ptr()) || PyTuple_Check(aliases.ptr());
    if (PyUnicode_Check(aliases.ptr()) || PyBytes_Check(aliases.ptr()) ||
        (!sequence && Py_TYPE(aliases.ptr())->tp_iter == nullptr &&
         !PySequence_Check(aliases.ptr()))) {
      throw py::type_error(place.str() + "aliases must be a list of str, not " +
                           Py_TYPE(aliases.ptr())->tp_name);
    }
    const py::sequence items =
        sequence ? py::reinterpret_borrow<py::sequence>(aliases)
                 : py::reinterpret_steal<py::sequence>(
                       PySequence_Tuple(aliases.ptr()));
    if (!items) throw py::error_already_set();
    for (size_t k = 0; k < items.size(); ++k) {
      take(items[k], ("aliases[" + std::to_string(k) + "]").c_str());
    }
  }
  std::vector<std::string_view>& fields = scratch->fields;
  fields.clear();
  for (size_t k = 0, begin = 0; k < ends.size(); begin = ends[k++]) {
    fields.emplace_back(utf8.data() + begin, ends[k] - begin);
  }
  const absl::Status status =
      builder.Add(fields[0], fields[1], fields[2],
                  std::span<const std::string_view>(fields).subspan(3));
  if (!status.ok()) {
    ThrowIfError(absl::Status(status.code(),
                              place.str() + std::string(status.message())));
  }
}

// Words of their own (GazetteerBuilder::AddWord), str each. Words before a
// failing one stay added; errors name it "words[i]".
void AddWords(GazetteerBuilder& builder, py::handle words) {
  Place place{"words", 0, 0};
  std::string utf8;
  for (py::handle word : py::reinterpret_borrow<py::iterable>(words)) {
    utf8.clear();
    TakeStr(word, place, "word", &utf8);
    const absl::Status status = builder.AddWord(utf8);
    if (!status.ok()) {
      ThrowIfError(absl::Status(status.code(),
                                place.str() + std::string(status.message())));
    }
    ++place.index;
  }
}

// A file's bytes read by `read` (GazetteerBuilder::AddTsv or AddWordList)
// without the GIL: the Python Gazetteer holds its adding lock meanwhile, and
// the bytes object cannot change.
template <absl::Status (GazetteerBuilder::*read)(std::string_view,
                                                 std::string_view)>
void AddFile(GazetteerBuilder& builder, py::bytes data,
             std::string_view source) {
  const std::string_view text = data;
  absl::Status status;
  {
    py::gil_scoped_release release;
    status = (builder.*read)(text, source);
  }
  ThrowIfError(status);
}

// Rows of an iterable: (name, label[, id[, aliases]]) sequences or dicts
// with those keys. Rows before a failing one stay added. Errors name the
// row "rows[first + i]".
void AddRows(GazetteerBuilder& builder, py::handle rows, size_t first) {
  Place place{"rows", first, 0};
  RowScratch scratch;
  for (py::handle row : py::reinterpret_borrow<py::iterable>(rows)) {
    py::object fields[4] = {py::none(), py::none(), py::none(), py::none()};
    if (PyDict_Check(row.ptr())) {
      static const char* const kKeys[] = {"name", "label", "id", "aliases"};
      // A misspelt key ("alias") would otherwise drop its value unseen.
      for (const auto& item : py::reinterpret_borrow<py::dict>(row)) {
        const py::handle key = item.first;
        if (std::none_of(
                std::begin(kKeys), std::end(kKeys), [&](const char* k) {
                  return PyUnicode_Check(key.ptr()) &&
                         PyUnicode_CompareWithASCIIString(key.ptr(), k) == 0;
                })) {
          throw py::key_error(place.str() + "unknown key " +
                              py::repr(key).cast<std::string>() +
                              " (a row has name, label, id, aliases)");
        }
      }
      for (int k = 0; k < 4; ++k) {
        PyObject* value = PyDict_GetItemString(row.ptr(), kKeys[k]);
        if (value == nullptr && k < 2) {
          throw py::key_error(place.str() + "no '" + kKeys[k] + "'");
        }
        if (value != nullptr) {
          fields[k] = py::reinterpret_borrow<py::object>(value);
        }
      }
    } else if (PyTuple_Check(row.ptr()) || PyList_Check(row.ptr())) {
      const py::sequence items = py::reinterpret_borrow<py::sequence>(row);
      if (items.size() < 2 || items.size() > 4) {
        throw py::type_error(place.str() +
                             "expected (name, label[, id[, aliases]]), got " +
                             std::to_string(items.size()) + " items");
      }
      for (size_t k = 0; k < items.size(); ++k) fields[k] = items[k];
    } else {
      throw py::type_error(place.str() +
                           "a row is a tuple, list or dict, not " +
                           Py_TYPE(row.ptr())->tp_name);
    }
    AddRow(builder, fields[0], fields[1], fields[2], fields[3], place,
           &scratch);
    ++place.index;
  }
}

py::tuple EntryOf(const Gazetteer& g, size_t index) {
  if (index >= g.size()) throw py::index_error("no such entry");
  const GazetteerEntry e = g.entry(static_cast<uint32_t>(index));
  py::list aliases;
  for (const std::string& alias : e.aliases) aliases.append(Utf8Str(alias));
  return py::make_tuple(Utf8Str(e.name), Utf8Str(e.label),
                        e.id.empty() ? py::object(py::none()) : Utf8Str(e.id),
                        py::tuple(aliases));
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

  MatchesType::Register(
      m, "Matches",
      "The gazetteer names found in one text, in order: a read-only sequence "
      "of Match.\n\nlen(matches), matches[i], slicing and iteration make "
      "Match objects on demand; to_list() returns them all; text is the "
      "searched str. Compares equal to a list of the same Match objects, and "
      "pickles as one.",
      {{"__reduce__", &MatchesReduce, METH_NOARGS, nullptr}},
      {{Py_tp_repr, reinterpret_cast<void*>(&MatchesRepr)},
       {Py_tp_richcompare, reinterpret_cast<void*>(&MatchesCompare)},
       {Py_tp_hash, reinterpret_cast<void*>(&PyObject_HashNotImplemented)}});

  py::class_<Gazetteer> gazetteer_class(m, "Gazetteer");
  gazetteer_class
      .def("find_batch", &FindBatch, py::arg("texts"), py::arg("mode"),
           py::arg("max_edits"), py::arg("threads"))
      .def("__len__", &Gazetteer::size)
      .def("entry", &EntryOf, py::arg("index"))
      .def("words",
           [](const Gazetteer& g) {
             const std::vector<std::string> words = g.words();
             py::tuple out(words.size());
             for (size_t k = 0; k < words.size(); ++k) {
               out[k] = py::str(words[k]);
             }
             return out;
           })
      .def_property_readonly("normalizer", &Gazetteer::normalizer)
      .def_property_readonly("clitics", &Gazetteer::clitics)
      .def_property_readonly("tanween", &Gazetteer::tanween)
      .def("to_bytes",
           [](const Gazetteer& g) {
             const std::string_view bytes = g.bytes();
             return py::bytes(bytes.data(), bytes.size());
           })
      .def_static(
          "from_bytes",
          [](const py::bytes& data) {
            std::string bytes = data;
            absl::StatusOr<Gazetteer> g = [&] {
              py::gil_scoped_release release;
              return Gazetteer::FromBytes(std::move(bytes));
            }();
            ThrowIfError(g.status());
            return *std::move(g);
          },
          py::arg("data"))
      .def_static(
          "load",
          [](const std::string& path) {
            absl::StatusOr<Gazetteer> g = [&] {
              py::gil_scoped_release release;
              return Gazetteer::Load(path);
            }();
            ThrowIfError(g.status());
            return *std::move(g);
          },
          py::arg("path"))
      .def(
          "save",
          [](const Gazetteer& g, const std::string& path) {
            absl::Status s = [&] {
              py::gil_scoped_release release;
              return g.Save(path);
            }();
            ThrowIfError(s);
          },
          py::arg("path"));

  AddFastMethod(gazetteer_class, &fast_find_def);

  py::class_<GazetteerBuilder>(m, "GazetteerBuilder")
      .def(py::init(
               [](const Normalizer& normalizer, bool clitics, bool tanween) {
                 return GazetteerBuilder(
                     normalizer, GazetteerBuilderOptions{.clitics = clitics,
                                                         .tanween = tanween});
               }),
           py::arg("normalizer"), py::arg("clitics"), py::arg("tanween"))
      .def(py::init([](const Gazetteer& compiled) {
             return GazetteerBuilder(compiled);
           }),
           py::arg("compiled"))
      .def(
          "add",
          [](GazetteerBuilder& b, py::handle name, py::handle label,
             py::handle id, py::handle aliases) {
            RowScratch scratch;
            AddRow(b, name, label, id, aliases, Place{}, &scratch);
          },
          py::arg("name"), py::arg("label"), py::arg("id"), py::arg("aliases"))
      .def("add_rows", &AddRows, py::arg("rows"), py::arg("first") = 0)
      .def("add_words", &AddWords, py::arg("words"))
      .def("add_tsv", &AddFile<&GazetteerBuilder::AddTsv>, py::arg("data"),
           py::arg("source"))
      .def("add_word_list", &AddFile<&GazetteerBuilder::AddWordList>,
           py::arg("data"), py::arg("source"))
      .def("__len__", &GazetteerBuilder::size)
      // Consuming: the names' memory is freed as the file is made, and the
      // builder is empty afterwards (Gazetteer drops it once built).
      .def("build", [](GazetteerBuilder& b) {
        absl::StatusOr<Gazetteer> g = [&] {
          py::gil_scoped_release release;
          return std::move(b).Build();
        }();
        ThrowIfError(g.status());
        return *std::move(g);
      });

  m.attr("BUNDLED_GAZETTEER_NAMES") = std::string(kBundledGazetteerNames);
  m.attr("BUNDLED_GAZETTEER_WORDS") = std::string(kBundledGazetteerWords);
  m.def(
      "load_bundled_gazetteer",
      [](py::bytes data_dir, const Normalizer& normalizer) {
        const std::string dir = data_dir;
        absl::StatusOr<Gazetteer> g = [&] {
          py::gil_scoped_release release;
          return LoadBundledGazetteer(dir, normalizer);
        }();
        ThrowIfError(g.status());
        return *std::move(g);
      },
      py::arg("data_dir"), py::arg("normalizer"));
}

}  // namespace kalima::python
