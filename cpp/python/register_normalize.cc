// Binding of kalima::Normalizer: reads str storage in place, releases the GIL
// on long inputs and in batches, and builds result strs.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "kalima/normalize.h"
#include "kalima/parallel.h"
#include "offset_map_object.h"
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

// Normalises a UCS-2 view into `str`, a str of the view's length made by
// PyUnicode_New(length, 0xFFFF) and not yet shared (no GIL needed): the
// units written (and in *latin1 whether none is past U+00FF), or nothing if
// the text needs the general path (see NormalizeCodePointsInto).
std::optional<size_t> NormalizeIntoStr(const Normalizer& normalizer,
                                       const CodePointsView& view,
                                       PyObject* str, bool* latin1) {
  auto* out = reinterpret_cast<char16_t*>(PyUnicode_2BYTE_DATA(str));
  const std::optional<size_t> count = normalizer.NormalizeCodePointsInto(
      std::span<const char16_t>(static_cast<const char16_t*>(view.data),
                                view.size),
      std::span<char16_t>(out, view.size));
  if (count.has_value()) {
    // Arabic text tells within its first few units: no pass over the rest.
    *latin1 =
        std::none_of(out, out + *count, [](char16_t u) { return u > 0xFF; });
  }
  return count;
}

// Makes `str`, filled by NormalizeIntoStr, a proper str of `written` units:
// shrunk if the text came out shorter, made again narrower if nothing past
// U+00FF is left (a str must be in the narrowest layout its characters
// allow, or it compares unequal to the same text).
void FinishInPlace(py::object* str, size_t written, bool latin1) {
  if (latin1) {
    *str = py::reinterpret_steal<py::object>(PyUnicode_FromKindAndData(
        PyUnicode_2BYTE_KIND, PyUnicode_2BYTE_DATA(str->ptr()),
        static_cast<Py_ssize_t>(written)));
    if (!*str) throw py::error_already_set();
  } else if (static_cast<Py_ssize_t>(written) <
             PyUnicode_GET_LENGTH(str->ptr())) {
    PyObject* raw = str->release().ptr();
    const int failed = PyUnicode_Resize(&raw, static_cast<Py_ssize_t>(written));
    *str = py::reinterpret_steal<py::object>(raw);  // Kept on failure.
    if (failed != 0) throw py::error_already_set();
  }
}

Normalizer MakeNormalizer(py::handle profile, py::dict switches) {
  absl::StatusOr<NormalizeOptions> options =
      NormalizeOptions::ForProfile(Utf8Of(profile, "profile"));
  ThrowIfError(options.status());
  for (auto item : switches) {
    const std::string name = Utf8Of(item.first, "switch name");
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
  // Arabic text (UCS-2) straight into a str of its length.
  if (view.kind == PyUnicode_2BYTE_KIND && view.length > 0) {
    py::object str = py::reinterpret_steal<py::object>(
        PyUnicode_New(static_cast<Py_ssize_t>(view.length), 0xFFFF));
    if (!str) throw py::error_already_set();
    bool latin1 = false;
    const std::optional<size_t> written = MaybeWithoutGil(view.length, [&] {
      return NormalizeIntoStr(normalizer, view.code_points(), str.ptr(),
                              &latin1);
    });
    if (written.has_value()) {
      FinishInPlace(&str, *written, latin1);
      return py::reinterpret_steal<py::str>(str.release());
    }
  }
  // Reused across calls so that per-line use allocates only the result str.
  thread_local NormalizedUnits scratch;
  ThrowIfError(MaybeWithoutGil(view.length, [&] {
    return NormalizeView(normalizer, view, &scratch, nullptr);
  }));
  py::str result = scratch.ToStr();
  if (view.length >= kReleaseGilAt) scratch = NormalizedUnits();
  return result;
}

constexpr char kNormalizerClass[] = "kalima.Normalizer";

// Normalizer.normalize as a plain CPython METH_FASTCALL function: per-line
// calls are short (a paragraph is ~0.3 us of work), and pybind11's general
// dispatcher would cost about as much again.
PyObject* FastNormalize(PyObject* self, PyObject* const* args,
                        Py_ssize_t nargs) {
  return FastMethodCall<Normalizer>(
      self, args, nargs, "normalize", kNormalizerClass,
      [](const Normalizer& normalizer, py::handle text) {
        return Normalize(normalizer, text);
      });
}

PyMethodDef fast_normalize_def = {
    "normalize",
    reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(&FastNormalize)),
    METH_FASTCALL,
    "normalize(text: str) -> str\n\nThe normalised form of text."};

py::object NormalizeWithOffsets(const Normalizer& normalizer, py::handle text) {
  const StrView view = ViewStr(text, "text");
  NormalizedUnits out;
  OffsetMap offsets;
  ThrowIfError(MaybeWithoutGil(view.length, [&] {
    return NormalizeView(normalizer, view, &out, &offsets);
  }));
  return NewNormalizedText(out.ToStr(), std::move(offsets));
}

// normalize_with_offsets(text), by position or keyword.
PyObject* FastNormalizeWithOffsets(PyObject* self, PyObject* const* args,
                                   Py_ssize_t nargsf, PyObject* kwnames) {
  return FastOneArgumentCall<Normalizer>(
      self, args, nargsf, kwnames, "normalize_with_offsets", "text",
      kNormalizerClass, &NormalizeWithOffsets);
}

PyMethodDef fast_normalize_with_offsets_def = {
    "normalize_with_offsets",
    reinterpret_cast<PyCFunction>(
        reinterpret_cast<void*>(&FastNormalizeWithOffsets)),
    METH_FASTCALL | METH_KEYWORDS,
    "normalize_with_offsets(text: str) -> NormalizedText\n\nNormalise text "
    "and keep, per output character, the index of its source character."};

// Texts handed out, and published as allocated, this many at a time.
constexpr size_t kBatchChunk = 64;
// written[i] of a text normalised apart (see SetAside).
constexpr size_t kSetAside = std::numeric_limits<size_t>::max();

// A text the normaliser could not write into its str (not UCS-2, or a
// ligature that expands, or an error to report), normalised apart.
struct SetAside {
  size_t index = 0;
  absl::Status status;
  NormalizedUnits units;
};

py::list Batch(const Normalizer& normalizer, py::handle texts, int threads) {
  StrItems items(texts);
  const size_t n = items.size();
  // Made as the strs are allocated: a thread reads views[i] only once str i
  // is published as allocated.
  std::vector<CodePointsView> views(n);
  // A UCS-2 text (most Arabic str) is normalised straight into its result
  // str, allocated at the input's length and kind before the normalised
  // length is known, then shrunk (or narrowed) if it came out shorter: no
  // copy through a buffer. The strs are allocated under the GIL by this
  // thread while the others normalise those allocated so far; this one
  // finishes (under the GIL) those normalised meanwhile, between chunks and
  // after, and normalises chunks too (without it) when none is ready to
  // finish. Until then the strs are held only here, out of any list the
  // cyclic GC (or another thread) could walk.
  std::vector<py::object> strs(n);
  std::vector<size_t> written(n, 0);
  // Bytes, not vector<bool>: threads write neighbouring entries.
  std::vector<uint8_t> latin1(n, 0);
  const int workers = EffectiveThreads(threads, n);
  std::vector<std::vector<SetAside>> set_aside(workers);
  // [0, allocated) have their strs; a count past n tells the workers to stop
  // (an allocation failed).
  std::atomic<size_t> allocated{0};
  std::atomic<size_t> next{0};
  std::atomic<bool> out_of_memory{false};
  // (An empty str is never UCS-2; the check keeps PyUnicode_New(0, ...), a
  // shared ASCII object, out of this path.)
  auto in_place = [&](size_t i) {
    return views[i].width == 2 && views[i].size > 0;
  };
  auto normalize_one = [&](size_t i, int worker) {
    const CodePointsView& view = views[i];
    if (in_place(i)) {
      bool fits = false;
      const std::optional<size_t> count =
          NormalizeIntoStr(normalizer, view, strs[i].ptr(), &fits);
      if (count.has_value()) {
        written[i] = *count;
        latin1[i] = fits;
        return;
      }
    }
    written[i] = kSetAside;
    SetAside& aside = set_aside[worker].emplace_back();
    aside.index = i;
    aside.status =
        NormalizeView(normalizer, StrView{view.width, view.data, view.size},
                      &aside.units, nullptr);
  };
  // Chunk c of texts normalised (by whichever thread): its strs can be
  // finished (shrunk or narrowed) under the GIL. `completed` counts chunks
  // done (and failures), for this thread to wait on.
  std::vector<std::atomic<bool>> chunk_done((n + kBatchChunk - 1) /
                                            kBatchChunk);
  std::atomic<size_t> completed{0};
  auto normalize_chunk = [&](size_t begin, int worker) {
    const size_t end = std::min(n, begin + kBatchChunk);
    try {
      for (size_t i = begin; i < end; ++i) normalize_one(i, worker);
      chunk_done[begin / kBatchChunk].store(true, std::memory_order_release);
    } catch (const std::bad_alloc&) {
      // Raised as MemoryError once every thread has stopped.
      out_of_memory.store(true);
      next.store(n);
    }
    completed.fetch_add(1, std::memory_order_release);
    completed.notify_all();
  };
  // The other threads take chunks of texts until none is left, each once
  // its strs exist.
  auto work = [&](int worker) {
    while (!out_of_memory.load()) {
      const size_t begin = next.fetch_add(kBatchChunk);
      if (begin >= n) return;
      const size_t end = std::min(n, begin + kBatchChunk);
      for (size_t ready = allocated.load(std::memory_order_acquire);
           ready < end; ready = allocated.load(std::memory_order_acquire)) {
        allocated.wait(ready);
      }
      if (allocated.load(std::memory_order_acquire) > n) return;
      normalize_chunk(begin, worker);
    }
  };
  std::vector<std::thread> helpers;
  struct JoinHelpers {
    std::vector<std::thread>* helpers;
    std::atomic<size_t>* allocated;
    size_t stop;
    ~JoinHelpers() {
      if (helpers->empty()) return;
      // Early only when an allocation failed: stop the helpers before the
      // strs they write are released.
      allocated->store(stop, std::memory_order_release);
      allocated->notify_all();
      for (std::thread& t : *helpers) {
        if (t.joinable()) t.join();
      }
    }
  } join_helpers{&helpers, &allocated, n + 1};
  // A thread that cannot be started (a process limit) leaves its share to
  // the others.
  for (int w = 1; w < workers; ++w) {
    try {
      helpers.emplace_back(work, w);
    } catch (const std::system_error&) {
      break;
    }
  }
  // Finishes the strs of the chunks normalised so far, in order; the texts
  // set aside are made later.
  size_t finished_chunks = 0;
  auto finish_done_chunks = [&] {
    for (; finished_chunks < chunk_done.size() &&
           chunk_done[finished_chunks].load(std::memory_order_acquire);
         ++finished_chunks) {
      const size_t begin = finished_chunks * kBatchChunk;
      const size_t end = std::min(n, begin + kBatchChunk);
      for (size_t i = begin; i < end; ++i) {
        // The str a shrink reads and resizes, fetched ahead: it was written
        // a while ago, by another thread maybe, and has left this cache.
        if (i + 8 < end && written[i + 8] != kSetAside) {
          __builtin_prefetch(strs[i + 8].ptr());
        }
        if (written[i] != kSetAside) {
          FinishInPlace(&strs[i], written[i], latin1[i] != 0);
        }
      }
    }
  };
  // Ctrl-C (in a notebook, the interrupt button) stops the batch between
  // chunks: the others take no new chunk, and are joined on the way out.
  auto stop_if_interrupted = [&] {
    if (PyErr_CheckSignals() == 0) return;
    next.store(n);
    throw py::error_already_set();
  };
  // This thread views the texts and allocates their strs, so that the
  // others start after the first chunk, not after every text is viewed;
  // between chunks it finishes those the others have normalised meanwhile,
  // GIL work that would otherwise come after. (No Python code runs here.)
  size_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    views[i] = items.View(i);
    total += views[i].size;
    if (in_place(i)) {
      strs[i] = py::reinterpret_steal<py::object>(
          PyUnicode_New(static_cast<Py_ssize_t>(views[i].size), 0xFFFF));
      if (!strs[i]) throw py::error_already_set();
    }
    if ((i + 1) % kBatchChunk == 0 || i + 1 == n) {
      allocated.store(i + 1, std::memory_order_release);
      allocated.notify_all();
      finish_done_chunks();
      stop_if_interrupted();
    }
  }
  // Then, until every chunk is finished: finish those done, normalise one
  // if any is left to take, else wait for the others. A batch shorter than
  // kReleaseGilAt code points in all keeps the GIL, as a single text that
  // short does; a longer one normalises and waits without it, taking it back
  // as GilSchedule allows (after every chunk unless another Python thread is
  // busy).
  const bool keep_gil = total < kReleaseGilAt;
  GilSchedule schedule;
  // Normalises a chunk if any is left to take, else waits for the others;
  // false when there is nothing to do but finish chunks: every chunk is
  // done, or (unless the GIL is slow to come back) the next one to finish.
  auto normalize_or_wait = [&] {
    const size_t seen = completed.load(std::memory_order_acquire);
    const size_t begin = next.fetch_add(kBatchChunk);
    if (begin < n) {
      normalize_chunk(begin, 0);
      return true;
    }
    if (seen == chunk_done.size() ||
        (!schedule.contended() &&
         chunk_done[finished_chunks].load(std::memory_order_acquire))) {
      return false;
    }
    completed.wait(seen);
    return true;
  };
  while (!out_of_memory.load()) {
    finish_done_chunks();
    if (finished_chunks == chunk_done.size()) break;
    stop_if_interrupted();
    if (keep_gil) {
      normalize_or_wait();
      continue;
    }
    schedule.WithoutGil([&] {
      while (normalize_or_wait() && !out_of_memory.load() && !schedule.Due()) {
      }
    });
  }
  // The helpers have no chunk left (or stop at their next, out of memory):
  // joined with the GIL, which they never take, as releasing it could cost
  // a switch interval (see GilSchedule).
  for (std::thread& t : helpers) t.join();
  helpers.clear();
  if (out_of_memory.load()) throw std::bad_alloc();
  // The texts set aside, in order: the first error (lowest index) is raised,
  // as NormalizeCodePointsBatch reports it.
  std::vector<SetAside> aside;
  for (std::vector<SetAside>& list : set_aside) {
    for (SetAside& a : list) aside.push_back(std::move(a));
  }
  std::sort(
      aside.begin(), aside.end(),
      [](const SetAside& a, const SetAside& b) { return a.index < b.index; });
  for (const SetAside& a : aside) {
    if (!a.status.ok()) {
      ThrowIfError(absl::Status(
          a.status.code(),
          absl::StrCat("texts[", a.index, "]: ", a.status.message())));
    }
  }
  for (const SetAside& a : aside) {
    strs[a.index] = a.units.ToStr();
  }
  py::list result(n);
  for (size_t i = 0; i < n; ++i) {
    PyList_SET_ITEM(result.ptr(), static_cast<Py_ssize_t>(i),
                    strs[i].release().ptr());
  }
  return result;
}

PyMethodDef batch_def = {
    "batch",
    reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(
        &BatchMethod<Normalizer, &Batch, kNormalizerClass>)),
    METH_FASTCALL | METH_KEYWORDS,
    "batch(texts: Iterable[str], threads: int = 0) -> list[str]\n\n"
    "The normalised form of each text, on up to `threads` threads without "
    "the GIL once the texts come to 32,768 code points."};

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
      .def_property_readonly("switches", &Switches);
  AddFastMethod(cls, &fast_normalize_def);
  AddFastMethod(cls, &fast_normalize_with_offsets_def);
  AddFastMethod(cls, &batch_def);
}

}  // namespace kalima::python
