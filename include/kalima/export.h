// What kalima's shared library exports. It is built with hidden visibility
// (CMake's CXX_VISIBILITY_PRESET), so that only the public API declared in
// these headers is exported: kalima::internal and the Abseil code it
// instantiates stay private to it, and cannot clash with or be interposed on
// by another library's copy.
#ifndef KALIMA_EXPORT_H_
#define KALIMA_EXPORT_H_

#if defined(__GNUC__) || defined(__clang__)
// A public class or function.
#define KALIMA_EXPORT __attribute__((visibility("default")))
// A member type of a public class that only the library itself defines.
#define KALIMA_NO_EXPORT __attribute__((visibility("hidden")))
#else
#define KALIMA_EXPORT
#define KALIMA_NO_EXPORT
#endif

#endif  // KALIMA_EXPORT_H_
