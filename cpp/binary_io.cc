#include "internal/binary_io.h"

#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace kalima::internal {

uint64_t Fnv1a64(std::string_view data) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

namespace {

constexpr uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

uint64_t Mix(uint64_t lane, uint64_t word) {
  return std::rotl(lane + word * kPrime2, 31) * kPrime1;
}

}  // namespace

uint64_t FastChecksum64(std::string_view data, uint64_t seed) {
  uint64_t lanes[4] = {kPrime1, kPrime2, ~kPrime1, ~kPrime2};
  const char* p = data.data();
  size_t n = data.size();
  for (; n >= 32; p += 32, n -= 32) {
    for (int k = 0; k < 4; ++k) lanes[k] = Mix(lanes[k], Load64(p + 8 * k));
  }
  // Every step after this is one to one in h: no two seeds give the same
  // checksum of the same data.
  uint64_t h = data.size() ^ seed;
  for (int k = 0; k < 4; ++k) h = Mix(h, lanes[k]);
  for (; n >= 8; p += 8, n -= 8) h = Mix(h, Load64(p));
  for (; n > 0; ++p, --n) h = Mix(h, static_cast<unsigned char>(*p));
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  return h;
}

void PutU32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(char((v >> (8 * i)) & 0xFF));
}

void PutU64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(char((v >> (8 * i)) & 0xFF));
}

std::string FileHeaderBytes(std::string_view magic, uint32_t version,
                            uint32_t flags, uint64_t payload_size,
                            uint64_t checksum) {
  std::string out(magic.substr(0, 8));
  PutU32(&out, version);
  PutU32(&out, flags);
  PutU64(&out, payload_size);
  PutU64(&out, checksum);
  return out;
}

absl::Status FileError(std::string_view what, std::string_view source,
                       std::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(
      std::string(what), " ", std::string(source), ": ", std::string(problem)));
}

absl::StatusOr<FileHeader> ReadFileHeader(std::string_view bytes,
                                          std::string_view magic,
                                          uint32_t version,
                                          std::string_view what,
                                          std::string_view source) {
  if (bytes.size() < 8 || bytes.substr(0, 8) != magic) {
    return FileError(
        what, source,
        absl::StrCat("not a kalima ", std::string(what), " (bad magic)"));
  }
  if (bytes.size() < kFileHeaderSize) {
    return FileError(what, source,
                     absl::StrCat("truncated: ", bytes.size(),
                                  " bytes, shorter than the header"));
  }
  Reader header(bytes.substr(8, kFileHeaderSize - 8));
  uint32_t found = 0;
  uint64_t size = 0;
  FileHeader out;
  header.U32(&found);
  header.U32(&out.flags);
  header.U64(&size);
  header.U64(&out.checksum);
  if (found != version) {
    return FileError(
        what, source,
        absl::StrCat("format version ", found, ", this kalima reads version ",
                     version, " (build the file again with this kalima)"));
  }
  if (size != bytes.size() - kFileHeaderSize) {
    return FileError(
        what, source,
        absl::StrCat("truncated or padded: ", bytes.size() - kFileHeaderSize,
                     " payload bytes, header says ", size));
  }
  out.payload = bytes.substr(kFileHeaderSize);
  return out;
}

void ReleaseFreeMemory() {
#if defined(__GLIBC__)
  ::malloc_trim(0);
#endif
}

void* MapPages(size_t bytes) {
  void* pages = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pages == MAP_FAILED) throw std::bad_alloc();
  return pages;
}

void UnmapPages(void* data, size_t bytes) { ::munmap(data, bytes); }

namespace {

constexpr size_t kHugePage = size_t{2} << 20;
// Buffers smaller than this get no huge-page advice: the second-level TLB
// of current cores (1,536 to 3,072 entries) reaches 6 to 12 MB of 4 KB
// pages, and a 6.5 MB gazetteer matched no faster on huge pages (four
// alternating runs, ratios 0.97 to 1.06), while a buffer written a huge
// page at a time is resident up to 2 MB ahead of what it holds: its build
// peaked 15 to 16 bytes a name higher.
constexpr size_t kHugePagesFrom = size_t{16} << 20;

// Gives `advice` for the whole pages of `page` bytes inside
// [data, data + size), if there are any.
void AdviseWholePages(const void* data, size_t size, size_t page, int advice) {
  const auto begin = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (begin + page - 1) / page * page;
  const uintptr_t last = (begin + size) / page * page;
  if (first >= last) return;
  ::madvise(reinterpret_cast<void*>(first), last - first, advice);
}

}  // namespace

void AdviseHugePages(void* data, size_t size) {
  if (size < kHugePagesFrom) return;
  AdviseWholePages(data, size, kHugePage, MADV_HUGEPAGE);
}

void DropPages(const void* data, size_t size) {
  AdviseWholePages(data, size, static_cast<size_t>(::sysconf(_SC_PAGESIZE)),
                   MADV_DONTNEED);
}

OwnedBytes CopyToOwnedMemory(std::string_view bytes) {
  const bool huge = bytes.size() >= kHugePagesFrom;
  const size_t alignment = huge ? kHugePage : 64;
  const size_t size = std::max<size_t>(
      (bytes.size() + alignment - 1) / alignment * alignment, alignment);
  void* memory = std::aligned_alloc(alignment, size);
  if (memory == nullptr) throw std::bad_alloc();
  if (huge) AdviseHugePages(memory, size);
  if (!bytes.empty()) std::memcpy(memory, bytes.data(), bytes.size());
  std::shared_ptr<const void> owner(
      memory, [](const void* p) { std::free(const_cast<void*>(p)); });
  return {std::move(owner),
          std::string_view(static_cast<const char*>(memory), bytes.size())};
}

namespace {

// A failed system call on a file: NotFound for a path that is not there,
// PermissionDenied for one the process may not use, DataLoss otherwise
// (full disk, a directory where a file should be...); the message ends with
// the system's reason.
absl::Status SystemError(int error, const std::string& where,
                         const char* doing) {
  const std::string message =
      absl::StrCat(where, doing, " (", std::strerror(error), ")");
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::PermissionDeniedError(message);
    case EISDIR:  // A caller's mistake, not a failure of the disk.
      // The only FailedPrecondition of file access, which Python raises as
      // IsADirectoryError (see ThrowIfError).
      return absl::FailedPreconditionError(message);
    default:
      return absl::DataLossError(message);
  }
}

// The file a write to `path` should replace: `path`, or, if it is a
// symbolic link, the file it leads to (which need not exist yet), so that
// renaming over it keeps the link. FailedPrecondition for a directory;
// InvalidArgument for a FIFO, a device or a socket, which renaming a regular
// file over would destroy.
absl::StatusOr<std::string> FileToReplace(std::string path,
                                          const std::string& where) {
  // What the path leads to, through every link: some the loop below cannot
  // follow by name (/dev/stdout leads to /proc/self/fd/1, and that to
  // "pipe:[N]").
  struct stat info;
  if (::stat(path.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) return SystemError(EISDIR, where, "not written");
    if (!S_ISREG(info.st_mode)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "not a regular file; not replaced"));
    }
  }
  // Linux's own limit on links followed in one lookup.
  constexpr int kMaxLinks = 40;
  for (int links = 0;; ++links) {
    // Not there yet (the write creates it), a problem that creating the
    // temporary file beside it reports, or the file itself.
    if (::lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) {
      return path;
    }
    if (links == kMaxLinks) return SystemError(ELOOP, where, "not written");
    // st_size is the target's length, or 0 where the file system does not
    // say; a buffer the target fills may have cut it, so it grows.
    std::string target(std::max<size_t>(info.st_size + 1, 256), '\0');
    for (;;) {
      const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
      if (n < 0) return SystemError(errno, where, "cannot read the link");
      if (static_cast<size_t>(n) < target.size()) {
        target.resize(static_cast<size_t>(n));
        break;
      }
      target.resize(2 * target.size());
    }
    const size_t slash = path.rfind('/');
    path = target.starts_with('/') || slash == std::string::npos
               ? target
               : path.substr(0, slash + 1) + target;
  }
}

}  // namespace

absl::Status CheckPath(const std::string& path, std::string_view what) {
  // The system reads a path up to its first NUL: the rest would be dropped,
  // and another file used.
  if (path.find('\0') == std::string::npos) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(what), " ", absl::CHexEscape(path),
                   ": the path holds a NUL byte"));
}

absl::Status WriteFileAtomically(const std::string& requested_path,
                                 std::string_view bytes,
                                 std::string_view what) {
  if (absl::Status bad = CheckPath(requested_path, what); !bad.ok()) return bad;
  const std::string where =
      absl::StrCat(std::string(what), " ", requested_path, ": ");
  absl::StatusOr<std::string> resolved = FileToReplace(requested_path, where);
  if (!resolved.ok()) return resolved.status();
  const std::string& path = *resolved;
  // A name of its own per process and call; O_EXCL never reuses a file, and
  // the mode 0666 goes through the user's umask like any file written.
  static std::atomic<uint64_t> counter{0};
  const std::string temporary = absl::StrCat(path, ".", ::getpid(), ".",
                                             counter.fetch_add(1), ".partial");
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    return SystemError(errno, where, "cannot create a file beside it");
  auto fail = [&](absl::Status status) {
    ::close(fd);
    ::unlink(temporary.c_str());
    return status;
  };
  // A file replaced keeps its permissions (0640 stays 0640); a new one has
  // the umask's.
  struct stat replaced;
  if (::stat(path.c_str(), &replaced) == 0 &&
      ::fchmod(fd, replaced.st_mode & 07777) != 0) {
    return fail(SystemError(errno, where, "cannot keep the file's mode"));
  }
  for (size_t written = 0; written < bytes.size();) {
    const ssize_t n =
        ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail(SystemError(errno, where, "write failed"));
    written += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return SystemError(error, where, "write failed");
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    return SystemError(error, where, "cannot replace the file");
  }
  return absl::OkStatus();
}

absl::StatusOr<MappedFile> MapFile(const std::string& path,
                                   std::string_view what) {
  if (absl::Status bad = CheckPath(path, what); !bad.ok()) return bad;
  const std::string where = absl::StrCat(std::string(what), " ", path, ": ");
  // O_NONBLOCK: a FIFO would otherwise block the open until a writer came,
  // only to be refused below; it changes nothing for a regular file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return SystemError(errno, where, "cannot open the file");
  struct stat info;
  const bool known = ::fstat(fd, &info) == 0;
  if (!known || !S_ISREG(info.st_mode)) {
    ::close(fd);
    // A directory is refused as a write over one is, in the same words.
    if (known && S_ISDIR(info.st_mode)) {
      return SystemError(EISDIR, where, "cannot open the file");
    }
    return absl::InvalidArgumentError(
        absl::StrCat(where, "not a regular file"));
  }
  const size_t size = static_cast<size_t>(info.st_size);
  if (size == 0) {
    ::close(fd);
    return MappedFile{nullptr, std::string_view()};
  }
  void* base = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);  // The mapping keeps the file.
  if (base == MAP_FAILED) {
    return absl::InternalError(
        absl::StrCat(where, "mmap failed (", std::strerror(errno), ")"));
  }
  std::shared_ptr<const void> owner(
      base, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
  return MappedFile{std::move(owner),
                    std::string_view(static_cast<const char*>(base), size)};
}

}  // namespace kalima::internal
