// Gazetteers from text files: the TSV of names and the list of words of their
// own that Python's Gazetteer.from_tsv reads, and the bundled gazetteer built
// from its two files.
#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "internal/binary_io.h"
#include "internal/gazetteer_format.h"
#include "internal/utf8.h"
#include "kalima/gazetteer.h"

namespace kalima {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::array<std::string_view, 4> kTsvHeader = {"name", "label", "id",
                                                        "aliases"};

// Python's str.isspace(): a TSV written by hand or by a spreadsheet may pad
// its fields with any of these (a no-break space, say), and Python's reader
// dropped them all.
bool IsSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// `field` (well-formed UTF-8) without the white space around it.
std::string_view Strip(std::string_view field) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(field.data());
  size_t begin = field.size();
  size_t end = 0;
  for (size_t i = 0; i < field.size();) {
    char32_t c = 0;
    const size_t length = internal::DecodeUtf8(bytes, field.size(), i, &c);
    if (!IsSpace(c)) {
      begin = std::min(begin, i);
      end = i + length;
    }
    i += length;
  }
  return begin < end ? field.substr(begin, end - begin) : std::string_view();
}

bool IsBlank(std::string_view field) { return Strip(field).empty(); }

// The pieces of `text` between `separator`s (one more than there are
// separators). Abseil's StrSplit is not used: Debian's Abseil has a
// string_view of its own.
std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  for (size_t begin = 0;;) {
    const size_t end = text.find(separator, begin);
    pieces.push_back(text.substr(begin, end - begin));
    if (end == std::string_view::npos) return pieces;
    begin = end + 1;
  }
}

std::string Join(std::span<const std::string_view> pieces,
                 std::string_view separator) {
  std::string joined;
  for (size_t k = 0; k < pieces.size(); ++k) {
    if (k > 0) joined += separator;
    joined += pieces[k];
  }
  return joined;
}

// `data` without its byte order mark, once checked to be UTF-8; otherwise
// InvalidArgument "source:line:column: not UTF-8 (byte 0xFF)", the column
// in characters, as Python's reader said it.
absl::StatusOr<std::string_view> Utf8Text(std::string_view data,
                                          std::string_view source) {
  if (data.starts_with(kByteOrderMark))
    data.remove_prefix(kByteOrderMark.size());
  if (internal::IsValidUtf8(data)) return data;
  // Where the first ill-formed sequence is, counted only for the error.
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i < data.size();) {
    char32_t c = 0;
    const size_t length = internal::DecodeUtf8(bytes, data.size(), i, &c);
    if (length == 0) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s:%d:%d: not UTF-8 (byte 0x%02X)", source, line, column, bytes[i]));
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return data;  // Not reached: IsValidUtf8 and DecodeUtf8 agree.
}

// The lines of `text`, a \r before each line's end dropped (a lone \r is
// part of its field).
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines = Split(text, '\n');
  for (std::string_view& line : lines) {
    if (line.ends_with('\r')) line.remove_suffix(1);
  }
  return lines;
}

absl::Status AtLine(std::string_view source, size_t line,
                    const absl::Status& status) {
  return absl::Status(status.code(),
                      absl::StrFormat("%s:%d: %s", source, line,
                                      std::string(status.message())));
}

}  // namespace

absl::Status GazetteerBuilder::AddTsv(std::string_view tsv,
                                      std::string_view source) {
  if (tsv.starts_with(internal::kGazetteerMagic)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: a compiled gazetteer (written by save), not a TSV: open it with "
        "load",
        source));
  }
  absl::StatusOr<std::string_view> text = Utf8Text(tsv, source);
  if (!text.ok()) return text.status();
  const std::vector<std::string_view> lines = Lines(*text);

  std::vector<std::string_view> header;
  for (std::string_view column : Split(lines[0], '\t')) {
    header.push_back(Strip(column));
  }
  // A spreadsheet's export may leave empty columns after the last on every
  // line (rows' are skipped below alike).
  while (header.size() > 2 && header.back().empty()) header.pop_back();
  const bool header_ok =
      header.size() >= 2 && header.size() <= kTsvHeader.size() &&
      std::equal(header.begin(), header.end(), kTsvHeader.begin());
  const std::string columns = Join(header, " / ");
  if (!header_ok && lines[0].find('\r') != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s:1: the lines end in a lone carriage return (\\r, as old Mac "
        "files do), not \\n or \\r\\n: save the file with Unix or Windows "
        "line ends",
        source));
  }
  if (!header_ok) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s:1: expected the header %s (the last two may be left out), not %s",
        source, Join(kTsvHeader, " / "),
        columns.empty() ? "an empty line" : columns));
  }

  // Every row's layout is checked before any is added.
  struct Row {
    size_t line;
    std::array<std::string_view, 4> fields;  // As kTsvHeader, stripped.
  };
  std::vector<Row> rows;
  for (size_t index = 1; index < lines.size(); ++index) {
    const size_t line = index + 1;
    const std::vector<std::string_view> fields = Split(lines[index], '\t');
    if (std::all_of(fields.begin(), fields.end(), IsBlank)) continue;
    if (!std::all_of(fields.begin() + std::min(fields.size(), header.size()),
                     fields.end(), IsBlank)) {
      return absl::InvalidArgumentError(
          absl::StrFormat("%s:%d: a field past the header's %d (%s)", source,
                          line, header.size(), columns));
    }
    Row row{line, {}};
    for (size_t k = 0; k < std::min(fields.size(), row.fields.size()); ++k) {
      row.fields[k] = Strip(fields[k]);
    }
    rows.push_back(row);
  }

  std::vector<std::string_view> aliases;
  for (const Row& row : rows) {
    aliases.clear();
    for (std::string_view alias : Split(row.fields[3], '|')) {
      alias = Strip(alias);
      if (!alias.empty()) aliases.push_back(alias);
    }
    const absl::Status status =
        Add(row.fields[0], row.fields[1], row.fields[2], aliases);
    if (!status.ok()) return AtLine(source, row.line, status);
  }
  return absl::OkStatus();
}

absl::Status GazetteerBuilder::AddWordList(std::string_view text,
                                           std::string_view source) {
  absl::StatusOr<std::string_view> utf8 = Utf8Text(text, source);
  if (!utf8.ok()) return utf8.status();
  const std::vector<std::string_view> lines = Split(*utf8, '\n');
  for (size_t index = 0; index < lines.size(); ++index) {
    const std::string_view word =
        Strip(lines[index].substr(0, lines[index].find('#')));
    if (word.empty()) continue;
    const absl::Status status = AddWord(word);
    if (!status.ok()) return AtLine(source, index + 1, status);
  }
  return absl::OkStatus();
}

absl::StatusOr<Gazetteer> LoadBundledGazetteer(std::string_view data_dir,
                                               const Normalizer& normalizer) {
  GazetteerBuilder builder(
      normalizer, GazetteerBuilderOptions{.clitics = true, .tanween = false});
  std::string dir(data_dir);
  if (!dir.empty() && !dir.ends_with('/')) dir += '/';
  // The words first, as kalima.default_gazetteer() adds them; each file is
  // read in place, mapped.
  using AddText =
      absl::Status (GazetteerBuilder::*)(std::string_view, std::string_view);
  for (const auto& [name, add] :
       {std::pair<std::string_view, AddText>{kBundledGazetteerWords,
                                             &GazetteerBuilder::AddWordList},
        std::pair<std::string_view, AddText>{kBundledGazetteerNames,
                                             &GazetteerBuilder::AddTsv}}) {
    const std::string path = dir + std::string(name);
    absl::StatusOr<internal::MappedFile> file =
        internal::MapFile(path, "bundled gazetteer file");
    if (!file.ok()) return file.status();
    if (absl::Status s = (builder.*add)(file->bytes, path); !s.ok()) return s;
  }
  return std::move(builder).Build();
}

}  // namespace kalima
