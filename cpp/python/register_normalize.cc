// Binding of kalima::Normalizer: reads str storage in place, releases the GIL
// on long inputs and in batches, and builds result strs.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "kalima/normalize.h"
#include "kalima/parallel.h"
#include "pystr.h"

namespace kalima::python {
namespace {

// A normalised text in whichever width its input had.
struct NormalizedUnits {
  std::u16string narrow;  // From Latin-1 and UCS-2 input.
  std::u32string wide;    // From UTF-32 input.
  bool is_wide = false;

  py::str ToStr() const { return is_wide ? MakeStr(wide) : MakeStr(narrow); }
};

absl::Status NormalizeView(const Normalizer& normalizer, const StrView& text,
                           NormalizedUnits* out, OffsetMap* offsets) {
  out->is_wide = text.kind == PyUnicode_4BYTE_KIND;
  switch (text.kind) {
    case PyUnicode_1BYTE_KIND:
      return normalizer.NormalizeCodePoints(text.latin1(), &out->narrow,
                                            offsets);
    case PyUnicode_2BYTE_KIND:
      return normalizer.NormalizeCodePoints(text.ucs2(), &out->narrow, offsets);
    default:
      return normalizer.NormalizeCodePoints(text.utf32(), &out->wide, offsets);
  }
}

Normalizer MakeNormalizer(const std::string& profile, py::dict switches) {
  absl::StatusOr<NormalizeOptions> options =
      NormalizeOptions::ForProfile(profile);
  ThrowIfError(options.status());
  for (auto item : switches) {
    const std::string name = py::str(item.first);
    if (!PyBool_Check(item.second.ptr())) {
      throw py::type_error("switch " + name + " must be True or False, not " +
                           Py_TYPE(item.second.ptr())->tp_name);
    }
    ThrowIfError(SetNormalizeSwitch(&*options, name, item.second.cast<bool>()));
  }
  return Normalizer(*options);
}

py::dict Switches(const Normalizer& normalizer) {
  py::dict out;
  for (std::string_view name : NormalizeSwitchNames()) {
    out[py::str(name.data(), name.size())] =
        *GetNormalizeSwitch(normalizer.options(), name);
  }
  return out;
}

py::str Normalize(const Normalizer& normalizer, py::handle text) {
  const StrView view = ViewStr(text, "text");
  // Reused across calls so that per-line use allocates only the result str.
  thread_local NormalizedUnits scratch;
  ThrowIfError(MaybeWithoutGil(view.length, [&] {
    return NormalizeView(normalizer, view, &scratch, nullptr);
  }));
  py::str result = scratch.ToStr();
  if (view.length >= kReleaseGilAt) scratch = NormalizedUnits();
  return result;
}

// Normalizer.normalize as a plain CPython METH_FASTCALL function: per-line
// calls are short (a paragraph is ~0.3 us of work), and pybind11's general
// dispatcher would cost about as much again.
PyObject* FastNormalize(PyObject* self, PyObject* const* args,
                        Py_ssize_t nargs) {
  return FastMethodCall<Normalizer>(
      self, args, nargs, "normalize", "kalima.Normalizer",
      [](const Normalizer& normalizer, py::handle text) {
        return Normalize(normalizer, text);
      });
}

PyMethodDef fast_normalize_def = {
    "normalize",
    reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&FastNormalize)),
    METH_FASTCALL,
    "normalize(text: str) -> str\n\nThe normalised form of text."};

py::tuple NormalizeWithOffsets(const Normalizer& normalizer, py::handle text) {
  const StrView view = ViewStr(text, "text");
  NormalizedUnits out;
  OffsetMap offsets;
  ThrowIfError(MaybeWithoutGil(view.length, [&] {
    return NormalizeView(normalizer, view, &out, &offsets);
  }));
  return py::make_tuple(out.ToStr(), std::move(offsets));
}

// Batches this long fill their strs on a second thread while allocating.
constexpr size_t kOverlapFillFrom = 1024;
constexpr size_t kFillChunk = 256;

py::list Batch(const Normalizer& normalizer, py::handle texts, int threads) {
  std::vector<CodePointsView> views;
  py::tuple items = ViewStrs(texts, &views);
  const size_t n = views.size();
  // Normalise on all threads, then make the result strs in two steps: the
  // objects under the GIL (allocation needs it), their characters copied in
  // by another thread meanwhile. Until they are filled the strs are held only
  // here, out of any list the cyclic GC (or another thread) could walk.
  //
  // Each Python thread keeps its batch storage between calls, up to a size
  // worth keeping. Storage in use by this thread (a batch called again from a
  // __del__ or GC callback that an allocation below ran) is not shared.
  thread_local NormalizedBatch cached;
  thread_local bool cached_in_use = false;
  NormalizedBatch own;
  const bool use_cache = !cached_in_use;
  NormalizedBatch* batch = use_cache ? &cached : &own;
  struct InUse {
    bool* flag;
    bool set;
    ~InUse() {
      if (set) *flag = false;
    }
  } in_use{&cached_in_use, use_cache};
  if (use_cache) cached_in_use = true;
  absl::Status status;
  {
    py::gil_scoped_release release;
    status = normalizer.NormalizeCodePointsBatch(views, threads, batch);
  }
  ThrowIfError(status);
  std::vector<py::object> strs(n);
  size_t output_units = 0;
  auto fill = [&](size_t i) {
    if (batch->is_wide(i)) {
      FillStr(batch->wide(i), strs[i].ptr());
    } else {
      FillStr(batch->narrow(i), strs[i].ptr());
    }
  };
  // With a second thread, it fills the strs allocated so far while this one
  // goes on allocating: [0, allocated) are ready to fill; a count past n
  // tells it to stop.
  std::atomic<size_t> allocated{0};
  std::thread filler;
  struct JoinFiller {
    std::thread* filler;
    std::atomic<size_t>* allocated;
    size_t stop;
    ~JoinFiller() {
      if (!filler->joinable()) return;
      // Reached early only when an allocation failed: stop the filler
      // before the strs it reads are released.
      allocated->store(stop, std::memory_order_release);
      allocated->notify_all();
      filler->join();
    }
  } join_filler{&filler, &allocated, n + 1};
  auto fill_allocated = [&] {
    for (size_t filled = 0; filled < n;) {
      const size_t ready = allocated.load(std::memory_order_acquire);
      if (ready > n) return;
      if (ready == filled) {
        allocated.wait(ready);
        continue;
      }
      for (; filled < ready; ++filled) fill(filled);
    }
  };
  if (n >= kOverlapFillFrom && EffectiveThreads(threads, n) > 1) {
    // A thread that cannot be started (a process limit) leaves the filling
    // to this one, after the allocating.
    try {
      filler = std::thread(fill_allocated);
    } catch (const std::system_error&) {
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const size_t size =
        batch->is_wide(i) ? batch->wide(i).size() : batch->narrow(i).size();
    output_units += size;
    strs[i] = py::reinterpret_steal<py::object>(
        PyUnicode_New(static_cast<Py_ssize_t>(size),
                      static_cast<Py_UCS4>(batch->max_code_point(i))));
    if (!strs[i]) throw py::error_already_set();
    if (filler.joinable() && ((i + 1) % kFillChunk == 0 || i + 1 == n)) {
      allocated.store(i + 1, std::memory_order_release);
      allocated.notify_one();
    }
  }
  if (filler.joinable()) {
    py::gil_scoped_release release;
    filler.join();
  } else {
    for (size_t i = 0; i < n; ++i) fill(i);
  }
  // Keep the storage only while it is modest (32 M units, about 64 MB): the
  // arenas grow with the input, and output can outgrow it (ﷺ is 18
  // characters).
  size_t input_units = 0;
  for (const CodePointsView& view : views) input_units += view.size;
  if (use_cache && std::max(input_units, output_units) > (size_t{32} << 20)) {
    cached = NormalizedBatch();
  }
  py::list result(n);
  for (size_t i = 0; i < n; ++i) {
    PyList_SET_ITEM(result.ptr(), static_cast<Py_ssize_t>(i),
                    strs[i].release().ptr());
  }
  return result;
}

}  // namespace

void RegisterNormalize(py::module_& m) {
  std::vector<std::string> profiles;
  for (std::string_view p : NormalizeProfileNames()) profiles.emplace_back(p);
  std::vector<std::string> switches;
  for (std::string_view s : NormalizeSwitchNames()) switches.emplace_back(s);
  m.attr("NORMALIZE_PROFILES") = py::tuple(py::cast(profiles));
  m.attr("NORMALIZE_SWITCHES") = py::tuple(py::cast(switches));

  py::class_<Normalizer> cls(m, "Normalizer");
  cls.def(py::init(&MakeNormalizer), py::arg("profile"), py::arg("switches"))
      .def_property_readonly("switches", &Switches)
      .def("normalize_with_offsets", &NormalizeWithOffsets, py::arg("text"))
      .def("batch", &Batch, py::arg("texts"), py::arg("threads") = 0);
  AddFastMethod(cls, &fast_normalize_def);
}

}  // namespace kalima::python
