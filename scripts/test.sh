#!/usr/bin/env bash
# Every test: the C++ suite (GoogleTest through ctest), the find_package
# consumer project against the installed library (static, then shared), and
# the Python suite (pytest). Installs what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
kalima_system_deps libgtest-dev libgmock-dev
kalima_venv

jobs=$(nproc 2>/dev/null || echo 2)
build=$KALIMA_REPO/build/cmake
prefix=$KALIMA_REPO/build/install

echo "== C++: build and ctest"
cmake -S "$KALIMA_REPO" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$prefix" -DKALIMA_BUILD_TESTS=ON -DKALIMA_INSTALL=ON >/dev/null
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" --output-on-failure -j "$jobs"

# Installs the library built in $1 into $2, then builds the consumer project
# against it in $3 and runs it.
install_and_run_consumer() {
  rm -rf "$2"
  cmake --install "$1" --prefix "$2" >/dev/null
  cmake -S "$KALIMA_REPO/tests/consumer" -B "$3" -DCMAKE_PREFIX_PATH="$2" >/dev/null
  cmake --build "$3" -j "$jobs"
  "$3/kalima_consumer"
}

echo "== C++: install and build a find_package(kalima) consumer"
install_and_run_consumer "$build" "$prefix" "$build-consumer"

echo "== C++: a shared libkalima exports only the public API; the consumer links it"
# The library alone (the tests above already ran on the same code).
shared=$KALIMA_REPO/build/cmake-shared
cmake -S "$KALIMA_REPO" -B "$shared" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
  -DCMAKE_INSTALL_PREFIX="$prefix-shared" -DKALIMA_BUILD_TESTS=OFF -DKALIMA_INSTALL=ON >/dev/null
cmake --build "$shared" -j "$jobs"
if nm -DC --defined-only "$shared/libkalima.so" | grep -E 'kalima::(internal|\(anonymous)'; then
  echo "libkalima.so exports the symbols above, which are no public API" >&2
  exit 1
fi
# And every function of the public API that the static library defines (not
# those of the nested types only the library knows, KALIMA_NO_EXPORT).
public_functions() {
  nm -C --defined-only "$@" | awk '$2 == "T"' | cut -d' ' -f3- |
    awk '/^kalima::/ && !/^kalima::internal::|\(anonymous namespace\)|::(Index|State|Counts|Model)::/' |
    LC_ALL=C sort -u
}
public_functions "$build/libkalima.a" >"$shared/public-functions"
public_functions -D "$shared/libkalima.so" >"$shared/exported-functions"
if [ ! -s "$shared/public-functions" ]; then
  echo "found no public function in $build/libkalima.a" >&2
  exit 1
fi
unexported=$(LC_ALL=C comm -23 "$shared/public-functions" "$shared/exported-functions")
if [ -n "$unexported" ]; then
  printf 'libkalima.so does not export:\n%s\n' "$unexported" >&2
  exit 1
fi
install_and_run_consumer "$shared" "$prefix-shared" "$shared-consumer"

echo "== Python: build, install and pytest"
kalima_pip_install test
# CAMeL Tools (no dependencies: its normalisation needs only emoji and six)
# lets the "camel" profile be compared with the real thing.
"$KALIMA_VENV/bin/python" -m pip install -q emoji six
"$KALIMA_VENV/bin/python" -m pip install -q --no-deps --no-warn-conflicts camel-tools==1.6.0
cd "$KALIMA_REPO"
"$KALIMA_VENV/bin/python" -m pytest -q tests/python "$@"
