// Little-endian binary files shared by the segmenter model and the compiled
// gazetteer: writers, a bounds-checked reader, checksums and a read-only
// memory mapping.
#ifndef KALIMA_CPP_INTERNAL_BINARY_IO_H_
#define KALIMA_CPP_INTERNAL_BINARY_IO_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kalima::internal {

// The formats are written and read in place as little-endian arrays.
static_assert(std::endian::native == std::endian::little,
              "kalima's binary formats assume a little-endian machine");

// FNV-1a over bytes: the segmenter model's checksum (format version 2).
uint64_t Fnv1a64(std::string_view data);

// A 64-bit checksum over four independent lanes of 8-byte words, an order of
// magnitude faster than FNV-1a: verifying a 100 MB gazetteer takes ~10 ms.
// Detects corruption, not tampering. A different `seed` (a header field the
// checksum must also cover) gives a different checksum of the same data.
uint64_t FastChecksum64(std::string_view data, uint64_t seed = 0);

void PutU32(std::string* out, uint32_t v);
void PutU64(std::string* out, uint64_t v);
// LEB128: 7 bits a byte, low bits first, onto a string of bytes (of any
// allocator).
template <typename Bytes>
void PutVarint(Bytes* out, uint64_t v) {
  for (; v >= 0x80; v >>= 7) out->push_back(char((v & 0x7F) | 0x80));
  out->push_back(char(v));
}

// Bounds-checked little-endian reads; every call returns false past the end.
// Inline: the gazetteer reads an entry record per match.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  bool U8(uint8_t* v) {
    if (pos_ >= data_.size()) return false;
    *v = static_cast<uint8_t>(data_[pos_++]);
    return true;
  }
  bool U32(uint32_t* v) {
    uint64_t wide;
    if (!Uint(4, &wide)) return false;
    *v = static_cast<uint32_t>(wide);
    return true;
  }
  bool U64(uint64_t* v) { return Uint(8, v); }
  bool F64(double* v) {
    uint64_t bits;
    if (!Uint(8, &bits)) return false;
    *v = std::bit_cast<double>(bits);
    return true;
  }
  // LEB128, at most ten bytes.
  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t byte = 0;
      if (!U8(&byte)) return false;
      *v |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if (byte < 0x80) return true;
    }
    return false;
  }
  bool Bytes(size_t n, std::string_view* v) {
    if (n > data_.size() - pos_) return false;
    *v = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == data_.size(); }
  size_t remaining() const { return data_.size() - pos_; }
  size_t position() const { return pos_; }

 private:
  bool Uint(int n, uint64_t* v) {
    if (static_cast<size_t>(n) > data_.size() - pos_) return false;
    *v = 0;
    for (int i = 0; i < n; ++i) {
      *v |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i]))
            << (8 * i);
    }
    pos_ += n;
    return true;
  }
  std::string_view data_;
  size_t pos_ = 0;
};

// The 32-byte header both kalima file formats start with: an 8-byte magic,
// u32 version, u32 flags, u64 payload size, u64 payload checksum.
inline constexpr size_t kFileHeaderSize = 32;

struct FileHeader {
  uint32_t flags = 0;
  uint64_t checksum = 0;
  std::string_view payload;
};

// `magic` (8 bytes), `version`, `flags`, then the size and `checksum` of a
// payload of `payload_size` bytes, which follows the header.
std::string FileHeaderBytes(std::string_view magic, uint32_t version,
                            uint32_t flags, uint64_t payload_size,
                            uint64_t checksum);

// Checks `bytes` start with `magic`, are of `version` and hold exactly the
// payload the header announces (the caller checks its checksum).
// InvalidArgument "<what> <source>: not a kalima <what> (bad magic)",
// "...format version N, this kalima reads version M", "...truncated or
// padded".
absl::StatusOr<FileHeader> ReadFileHeader(std::string_view bytes,
                                          std::string_view magic,
                                          uint32_t version,
                                          std::string_view what,
                                          std::string_view source);

// InvalidArgument "<what> <source>: <problem>".
absl::Status FileError(std::string_view what, std::string_view source,
                       std::string_view problem);

// A copy of `bytes` in memory of its own, aligned for any array the formats
// hold and, when large (16 MB or more), backed by huge pages where the
// kernel allows: a gazetteer's random lookups over tens of megabytes then
// miss the TLB far less often.
struct OwnedBytes {
  std::shared_ptr<const void> owner;
  std::string_view bytes;
};
OwnedBytes CopyToOwnedMemory(std::string_view bytes);

// Asks the kernel to back the whole huge pages inside [data, data + size)
// with huge pages as they are first written (a hint it may refuse; memory
// already written keeps its pages), if the buffer is as large as those
// CopyToOwnedMemory gives huge pages: for a buffer a large gazetteer is
// built in, whose lookups then miss the TLB less often.
void AdviseHugePages(void* data, size_t size);

// Hands the whole pages inside [data, data + size) back to the system: they
// read as zero afterwards. For a buffer about to be freed whose content has
// been copied, so that the copy and the original are never both resident.
void DropPages(const void* data, size_t size);

// Hands memory freed after a large build back to the system where the C
// library allows (glibc keeps freed heap memory resident otherwise).
void ReleaseFreeMemory();

// Anonymous pages of their own for `bytes` bytes (std::bad_alloc if none),
// and giving them back.
void* MapPages(size_t bytes);
void UnmapPages(void* data, size_t bytes);

// An allocator for arrays that grow large by doubling, such as a gazetteer
// builder's pools: a block of 64 KB or more is a mapping of its own, whose
// pages become resident only once written, so that the unfilled half of a
// doubled array costs nothing, and which is unmapped when freed (the C
// library keeps large freed blocks of its heap resident, and a growing
// array frees one at each doubling: at a threshold of 1 MB, a hundred
// thousand names left 3 MB of them). Smaller blocks come from the heap.
template <typename T>
struct PageAllocator {
  using value_type = T;
  static constexpr size_t kMappedBytes = size_t{1} << 16;

  PageAllocator() = default;
  template <typename U>
  PageAllocator(const PageAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    if (n > std::numeric_limits<size_t>::max() / sizeof(T)) {
      throw std::bad_array_new_length();
    }
    if (n * sizeof(T) < kMappedBytes) return std::allocator<T>().allocate(n);
    return static_cast<T*>(MapPages(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) noexcept {
    if (n * sizeof(T) < kMappedBytes) {
      std::allocator<T>().deallocate(p, n);
    } else {
      UnmapPages(p, n * sizeof(T));
    }
  }
  template <typename U>
  bool operator==(const PageAllocator<U>&) const noexcept {
    return true;
  }
};
template <typename T>
using PagedVector = std::vector<T, PageAllocator<T>>;
template <typename C>
using PagedString = std::basic_string<C, std::char_traits<C>, PageAllocator<C>>;

// Writes `bytes` to a fresh temporary file beside `path` and renames it over
// `path`, so that a reader (or a mapping of the old file) never sees a
// half-written one. A symbolic link is followed: the file it leads to is
// replaced and the link kept, and a file replaced keeps its permissions
// (its mode bits; not its owner). NotFound (no such directory),
// PermissionDenied, FailedPrecondition (a directory) or DataLoss naming the
// file and the system's reason;
// InvalidArgument for a FIFO, device or socket, which is left alone; the
// temporary file is removed on failure.
absl::Status WriteFileAtomically(const std::string& path,
                                 std::string_view bytes, std::string_view what);

// InvalidArgument naming `what` if `path` holds a NUL byte, which the
// system would take for its end.
absl::Status CheckPath(const std::string& path, std::string_view what);

// A whole file mapped read-only; the mapping lives as long as `owner`.
// NotFound, PermissionDenied or DataLoss if it cannot be opened (by the
// system's reason), InvalidArgument if not a regular file (a directory says
// so).
struct MappedFile {
  std::shared_ptr<const void> owner;
  std::string_view bytes;
};
absl::StatusOr<MappedFile> MapFile(const std::string& path,
                                   std::string_view what);

}  // namespace kalima::internal

#endif  // KALIMA_CPP_INTERNAL_BINARY_IO_H_
