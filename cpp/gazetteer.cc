// GazetteerBuilder and Gazetteer.
//
// Names are normalised, tokenised, and stored as paths of token ids in a
// trie. Text is tokenised as written; each token is normalised on its own
// (with offsets, to map a stripped proclitic back to the caller's units) and
// looked up by id. A match starts at a token, as written or without the
// proclitics the clitic grammar allows, and continues over whole tokens.
#include "kalima/gazetteer.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "internal/batch.h"
#include "internal/code_point_reader.h"
#include "internal/utf8.h"
#include "kalima/clitics.h"
#include "kalima/offset_map.h"
#include "kalima/parallel.h"
#include "kalima/tokenize.h"

namespace kalima {
namespace {

constexpr uint32_t kNoId = std::numeric_limits<uint32_t>::max();
constexpr uint32_t kRoot = 0;

// A proclitic run as the normalised text spells it, and whether the name it
// attaches to starts with the article it contains (لل = ل + ال).
struct CliticVariant {
  std::u32string surface;
  bool restores_article = false;
  // Ends in the preposition ل, which cannot precede a written ال (ل + ال is
  // لل, so لالقاهرة is no spelling of ل + القاهرة).
  bool ends_in_lam = false;
};

}  // namespace

struct Gazetteer::Index {
  Normalizer normalizer;
  bool clitics = true;
  std::vector<GazetteerEntry> entries;
  absl::flat_hash_map<std::u32string, uint32_t> vocabulary;
  // (node << 32 | token id) -> child node.
  absl::flat_hash_map<uint64_t, uint32_t> edges;
  // Per node: the (entry, surface) pairs whose tokens end there.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> terminals;
  std::vector<CliticVariant> variants;

  uint32_t Child(uint32_t node, uint32_t token) const {
    auto it = edges.find((uint64_t{node} << 32) | token);
    return it == edges.end() ? kNoId : it->second;
  }
  uint32_t Id(const std::u32string& key) const {
    auto it = vocabulary.find(key);
    return it == vocabulary.end() ? kNoId : it->second;
  }
};

namespace {

// The normalised tokens of a UTF-8 name.
absl::StatusOr<std::vector<std::u32string>> NameTokens(
    const Normalizer& normalizer, std::string_view utf8) {
  std::u32string wide;
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = 0;
    const size_t len = internal::DecodeUtf8(bytes, utf8.size(), i, &c);
    if (len == 0) return internal::InvalidUtf8Error(utf8, i);
    wide.push_back(c);
    i += len;
  }
  std::u32string normalized;
  if (absl::Status s = normalizer.NormalizeCodePoints(
          std::span<const char32_t>(wide), &normalized);
      !s.ok()) {
    return s;
  }
  std::vector<Token> tokens;
  if (absl::Status s = Tokenizer().TokenizeCodePoints(
          std::span<const char32_t>(normalized), &tokens);
      !s.ok()) {
    return s;
  }
  // A name is words: one of punctuation or digits alone would match every
  // hyphen or number.
  if (std::none_of(tokens.begin(), tokens.end(), [](const Token& t) {
        return t.kind == TokenKind::kArabic || t.kind == TokenKind::kLatin ||
               t.kind == TokenKind::kWord;
      })) {
    return std::vector<std::u32string>();
  }
  std::vector<std::u32string> out;
  for (const Token& t : tokens) {
    out.push_back(normalized.substr(t.start, t.end - t.start));
  }
  return out;
}

std::vector<CliticVariant> MakeVariants(const Normalizer& normalizer) {
  std::vector<CliticVariant> out;
  for (const ProcliticSequence& seq : ProcliticSequences()) {
    // The future marker attaches to verbs, never to names (سجدة is no
    // س + جدة).
    if (std::any_of(
            seq.clitics.begin(), seq.clitics.begin() + seq.size,
            [](const Clitic& c) { return c.role == CliticRole::kFuture; })) {
      continue;
    }
    CliticVariant v;
    if (!normalizer
             .NormalizeCodePoints(std::span<const char32_t>(seq.surface),
                                  &v.surface)
             .ok()) {
      continue;
    }
    v.restores_article =
        seq.has_article() && seq.clitics[seq.size - 1].surface == U"ل";
    v.ends_in_lam =
        !seq.has_article() &&
        seq.clitics[seq.size - 1].role == CliticRole::kPreposition &&
        seq.clitics[seq.size - 1].surface == U"ل";
    out.push_back(std::move(v));
  }
  // Shorter runs first, so that of two equally long matches the one with
  // less taken for clitics wins (و + السودان before وال + سودان).
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.surface.size() < b.surface.size();
  });
  return out;
}

// One token of the text: where it is, and its normalised key (in a shared
// buffer) with that key's id.
struct TextToken {
  size_t start = 0;
  size_t end = 0;
  size_t key_start = 0;
  size_t key_size = 0;
  uint32_t id = kNoId;
};

// Reads the tokens of a text through `at(i)` -> (code point, length),
// normalising each into `keys`.
template <typename At>
absl::Status ReadTokens(const Gazetteer::Index& index,
                        std::span<const Token> tokens, At&& at,
                        std::vector<TextToken>* out, std::u32string* keys) {
  out->clear();
  out->reserve(tokens.size());
  keys->clear();
  std::u32string wide, key;
  for (const Token& token : tokens) {
    wide.clear();
    for (size_t i = token.start; i < token.end;) {
      const auto [c, len] = at(i);
      wide.push_back(c);
      i += len;
    }
    if (absl::Status s = index.normalizer.NormalizeCodePoints(
            std::span<const char32_t>(wide), &key);
        !s.ok()) {
      return s;
    }
    out->push_back(
        {token.start, token.end, keys->size(), key.size(), index.Id(key)});
    keys->append(key);
  }
  return absl::OkStatus();
}

// The caller's unit where normalised position `cut` of `token` comes from:
// the token is normalised again, with offsets (only for a clitic match).
template <typename At>
size_t UnitOf(const Gazetteer::Index& index, const TextToken& token, size_t cut,
              At&& at) {
  std::u32string wide, key;
  std::vector<size_t> units;
  for (size_t i = token.start; i < token.end;) {
    const auto [c, len] = at(i);
    wide.push_back(c);
    units.push_back(i);
    i += len;
  }
  units.push_back(token.end);
  OffsetMap offsets;
  if (!index.normalizer
           .NormalizeCodePoints(std::span<const char32_t>(wide), &key, &offsets)
           .ok()) {
    return token.start;  // Already normalised once without error.
  }
  return units[offsets.source_offset(cut)];
}

template <typename At>
void Match(const Gazetteer::Index& index, const std::vector<TextToken>& text,
           const std::u32string& keys, GazetteerMode mode, At&& at,
           std::vector<GazetteerMatch>* out) {
  out->clear();
  std::u32string rest;
  struct Start {
    uint32_t id;
    size_t cut;  // Normalised letters taken for clitics.
  };
  std::vector<Start> starts;
  for (size_t i = 0; i < text.size();) {
    const TextToken& first = text[i];
    const std::u32string_view key(keys.data() + first.key_start,
                                  first.key_size);
    // Start ids: the token as written, then without each proclitic run.
    starts.clear();
    if (first.id != kNoId) starts.push_back({first.id, 0});
    if (index.clitics) {
      for (const CliticVariant& v : index.variants) {
        if (key.size() < v.surface.size() + 2 || !key.starts_with(v.surface)) {
          continue;
        }
        const std::u32string_view after = key.substr(v.surface.size());
        if (v.ends_in_lam && after.starts_with(U"ال")) continue;
        // لل + rest is ل + ال + rest, or ل + ال + ل + rest for a word that
        // starts with ل (للجنة = ل + اللجنة).
        static constexpr std::u32string_view kRestored[] = {U"ال", U"الل"};
        static constexpr std::u32string_view kAsWritten[] = {U""};
        const std::span<const std::u32string_view> articles =
            v.restores_article
                ? std::span<const std::u32string_view>(kRestored)
                : std::span<const std::u32string_view>(kAsWritten);
        for (std::u32string_view article : articles) {
          rest.assign(article);
          rest.append(after);
          const uint32_t id = index.Id(rest);
          if (id != kNoId) starts.push_back({id, v.surface.size()});
        }
      }
    }
    const size_t first_of_token = out->size();
    size_t best_end = i;  // Token index past the longest match.
    std::vector<GazetteerMatch> best;
    for (const Start& s : starts) {
      uint32_t node = index.Child(kRoot, s.id);
      size_t name_start = first.start;
      if (node != kNoId && s.cut > 0) {
        name_start = UnitOf(index, first, s.cut, at);
      }
      for (size_t j = i; node != kNoId;) {
        for (const auto& [entry, surface] : index.terminals[node]) {
          GazetteerMatch m{name_start, text[j].end, first.start, entry,
                           surface};
          // One match per entry and token range: an entry found through two
          // readings of the first token (السودان, ال + سودان) counts once.
          auto same = [&](const GazetteerMatch& o) {
            return o.entry == m.entry && o.end == m.end;
          };
          if (mode == GazetteerMode::kAll) {
            if (std::none_of(out->begin() + first_of_token, out->end(), same)) {
              out->push_back(m);
            }
          } else if (j + 1 > best_end) {
            best_end = j + 1;
            best.assign(1, m);
          } else if (j + 1 == best_end && best.front().start == m.start &&
                     std::none_of(best.begin(), best.end(), same)) {
            best.push_back(m);
          }
        }
        if (++j == text.size() || text[j].id == kNoId) break;
        node = index.Child(node, text[j].id);
      }
    }
    if (mode == GazetteerMode::kLongest && !best.empty()) {
      out->insert(out->end(), best.begin(), best.end());
      i = best_end;
    } else {
      ++i;
    }
  }
}

}  // namespace

struct GazetteerBuilder::State {
  Normalizer normalizer;
  bool clitics = true;
  std::vector<GazetteerEntry> entries;
  // Per entry, per surface: its normalised tokens.
  std::vector<std::vector<std::vector<std::u32string>>> surfaces;
};

GazetteerBuilder::GazetteerBuilder(Normalizer normalizer, bool clitics)
    : state_(std::make_unique<State>()) {
  state_->normalizer = std::move(normalizer);
  state_->clitics = clitics;
}
GazetteerBuilder::~GazetteerBuilder() = default;
GazetteerBuilder::GazetteerBuilder(GazetteerBuilder&&) noexcept = default;
GazetteerBuilder& GazetteerBuilder::operator=(GazetteerBuilder&&) noexcept =
    default;

size_t GazetteerBuilder::size() const { return state_->entries.size(); }

absl::Status GazetteerBuilder::Add(std::string_view name,
                                   std::string_view label, std::string_view id,
                                   std::span<const std::string_view> aliases) {
  GazetteerEntry entry{
      std::string(name), std::string(label), std::string(id), {}};
  std::vector<std::vector<std::u32string>> surfaces;
  auto add_surface = [&](std::string_view surface) -> absl::Status {
    absl::StatusOr<std::vector<std::u32string>> tokens =
        NameTokens(state_->normalizer, surface);
    if (!tokens.ok()) return tokens.status();
    if (tokens->empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", std::string(surface), "' has no word to match"));
    }
    surfaces.push_back(*std::move(tokens));
    return absl::OkStatus();
  };
  if (absl::Status s = add_surface(name); !s.ok()) return s;
  for (std::string_view alias : aliases) {
    if (absl::Status s = add_surface(alias); !s.ok()) return s;
    entry.aliases.emplace_back(alias);
  }
  state_->entries.push_back(std::move(entry));
  state_->surfaces.push_back(std::move(surfaces));
  return absl::OkStatus();
}

Gazetteer GazetteerBuilder::Build() const {
  auto index = std::make_shared<Gazetteer::Index>();
  index->normalizer = state_->normalizer;
  index->clitics = state_->clitics;
  index->entries = state_->entries;
  index->variants = MakeVariants(index->normalizer);
  index->terminals.emplace_back();  // The root.
  for (uint32_t e = 0; e < state_->surfaces.size(); ++e) {
    const auto& surfaces = state_->surfaces[e];
    for (uint32_t k = 0; k < surfaces.size(); ++k) {
      uint32_t node = kRoot;
      for (const std::u32string& token : surfaces[k]) {
        auto [vocab, added] = index->vocabulary.try_emplace(
            token, static_cast<uint32_t>(index->vocabulary.size()));
        const uint64_t edge = (uint64_t{node} << 32) | vocab->second;
        auto [child, fresh] = index->edges.try_emplace(
            edge, static_cast<uint32_t>(index->terminals.size()));
        if (fresh) index->terminals.emplace_back();
        node = child->second;
      }
      // An alias that normalises like the name (إفريقيا, أفريقيا) is the
      // same match: one per entry and node.
      auto& here = index->terminals[node];
      if (std::none_of(here.begin(), here.end(),
                       [e](const auto& t) { return t.first == e; })) {
        here.emplace_back(e, k);
      }
    }
  }
  return Gazetteer(std::move(index));
}

size_t Gazetteer::size() const { return index_->entries.size(); }

const GazetteerEntry& Gazetteer::entry(uint32_t index) const {
  return index_->entries[index];
}

namespace {

template <typename At>
absl::Status FindTokens(const Gazetteer::Index& index,
                        std::span<const Token> tokens, At&& at,
                        GazetteerMode mode, std::vector<GazetteerMatch>* out) {
  std::vector<TextToken> text;
  std::u32string keys;
  if (absl::Status s = ReadTokens(index, tokens, at, &text, &keys); !s.ok()) {
    return s;
  }
  Match(index, text, keys, mode, at, out);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<GazetteerMatch>> Gazetteer::Find(
    std::string_view utf8, GazetteerMode mode) const {
  absl::StatusOr<std::vector<Token>> tokens = Tokenizer().Tokenize(utf8);
  if (!tokens.ok()) return tokens.status();
  std::vector<GazetteerMatch> out;
  if (absl::Status s =
          FindTokens(*index_, *tokens, internal::Utf8Reader(utf8), mode, &out);
      !s.ok()) {
    return s;
  }
  return out;
}

absl::Status Gazetteer::FindCodePoints(const CodePointsView& text,
                                       GazetteerMode mode,
                                       std::vector<GazetteerMatch>* out) const {
  std::vector<Token> tokens;
  if (absl::Status s = Tokenizer().TokenizeCodePoints(text, &tokens); !s.ok()) {
    return s;
  }
  switch (text.width) {
    case 1:
      return FindTokens(
          *index_, tokens,
          internal::FixedWidthReader(static_cast<const uint8_t*>(text.data)),
          mode, out);
    case 2:
      return FindTokens(
          *index_, tokens,
          internal::FixedWidthReader(static_cast<const char16_t*>(text.data)),
          mode, out);
    default:
      return FindTokens(
          *index_, tokens,
          internal::FixedWidthReader(static_cast<const char32_t*>(text.data)),
          mode, out);
  }
}

absl::StatusOr<std::vector<std::vector<GazetteerMatch>>>
Gazetteer::FindCodePointsBatch(std::span<const CodePointsView> texts,
                               GazetteerMode mode, int threads) const {
  std::vector<std::vector<GazetteerMatch>> results(texts.size());
  std::vector<absl::Status> errors(texts.size());
  ParallelFor(texts.size(), threads, [&](size_t i, int) {
    errors[i] = FindCodePoints(texts[i], mode, &results[i]);
  });
  if (absl::Status error = internal::FirstError(errors); !error.ok()) {
    return error;
  }
  return results;
}

}  // namespace kalima
