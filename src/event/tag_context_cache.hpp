// Per-thread tables of the models' scores of their tag-context feature groups (features.hpp's
// TagGroup and ClassTagGroup): each group takes at most a few thousand values, so each value
// is hashed and scored once per model instead of once per unit. Exact: the sum of integer
// weights does not depend on how it is split.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "features.hpp"
#include "model.hpp"

namespace chronicle::detail::event {

// Where group g's rows start in a table holding the groups of its enum one after another.
template <class Group, std::uint32_t (*size)(Group)>
constexpr std::uint32_t group_offset(Group g) {
  std::uint32_t total = 0;
  for (unsigned k = 0; k < static_cast<unsigned>(g); ++k) total += size(static_cast<Group>(k));
  return total;
}

// Bits [shift, shift + bits) of a 64-bit word set.
constexpr std::uint64_t field_mask(unsigned shift, unsigned bits) {
  return ((std::uint64_t{1} << bits) - 1) << shift;
}

class TagContextCache {
 public:
  // The detector's score of all tag groups' features of a unit with key `key` in context `c`.
  // News repeats few of the groups' inputs taken together (about 1,900 over the bench corpus's
  // first 2 MB, for 147,000 candidates): a cache of the sum by all of them answers most asks
  // with one look-up, where the four groups' take four, and their indices to work out.
  std::int32_t score(const OwnKey& key, const DetectContext& c, const EventModelData& model) {
    if (model_ != model.serial) reset(model.serial);
    const std::uint64_t inputs = all_inputs(key, c);
    Sum& e = sums_[(inputs * 0x9E3779B97F4A7C15ull) >> (64 - sum_bits)];
    if (e.inputs != inputs) {
      e.inputs = inputs;
      e.score = groups(key, c, model);
    }
    return e.score;
  }

 private:
  // What every group's index reads (tag_group_index) in one number: the unit's tag, noun_lex,
  // eventive and from_verb where OwnKey::rest keeps them (see its accessors), and the context's
  // tags and signature in bits 5 to 20, where `rest` keeps what no group reads (shape, hints,
  // pos_mask: masked off). tests/unit/test_event.cpp checks the sums against whole models.
  static constexpr std::uint64_t own_inputs =
      field_mask(0, 5) | field_mask(29, 5) | field_mask(38, 2) | field_mask(40, 1);
  static std::uint64_t all_inputs(const OwnKey& key, const DetectContext& c) {
    return (key.rest & own_inputs) | std::uint64_t{tag5(c.tm1)} << 5 |
           std::uint64_t{tag5(c.tp1)} << 10 | std::uint64_t{c.signature} << 15;
  }
  // An input no unit has (bits above 40 are never set): an empty slot.
  static constexpr std::uint64_t no_inputs = ~std::uint64_t{0};
  struct Sum {
    std::uint64_t inputs = no_inputs;
    std::int32_t score = 0;
  };
  static constexpr unsigned sum_bits = 13;  // 8192 slots, 128 KB

  // The sum of the groups' scores, each from its own table.
  std::int32_t groups(const OwnKey& key, const DetectContext& c, const EventModelData& model) {
    // Every index first: a table entry filled in on a miss is an int32 store, which could
    // alias the context's fields and have them loaded and converted again for each group.
    const std::uint32_t tags = tag_group_index(TagGroup::tags, key, c);
    const std::uint32_t signature = tag_group_index(TagGroup::signature, key, c);
    const std::uint32_t lex_left = tag_group_index(TagGroup::lex_left, key, c);
    const std::uint32_t lex_right = tag_group_index(TagGroup::lex_right, key, c);
    return group<TagGroup::tags>(tags, key, c, model) +
           group<TagGroup::signature>(signature, key, c, model) +
           group<TagGroup::lex_left>(lex_left, key, c, model) +
           group<TagGroup::lex_right>(lex_right, key, c, model);
  }

  // No sum of a few 16-bit weights comes near it.
  static constexpr std::int32_t unset = std::numeric_limits<std::int32_t>::min();

  static constexpr std::uint32_t offset(TagGroup g) {
    return group_offset<TagGroup, tag_group_size>(g);
  }

  // The score of group G's features, whose tag_group_index is `index`.
  template <TagGroup G>
  std::int32_t group(std::uint32_t index, const OwnKey& key, const DetectContext& c,
                     const EventModelData& model) {
    std::int32_t& s = table_[offset(G) + index];
    if (s == unset) {
      Features f;
      tag_group_features(G, key, c, f);
      s = model.detect.score1(f);
    }
    return s;
  }

  void reset(std::uint64_t serial) {
    table_.assign(offset(TagGroup::count), unset);
    sums_.assign(std::size_t{1} << sum_bits, Sum{});
    model_ = serial;
  }

  std::uint64_t model_ = 0;  // EventModelData::serial of the scores in table_; 0: none
  std::vector<std::int32_t> table_;
  std::vector<Sum> sums_;  // direct-mapped by a hash of the inputs
};

// The class model's seven scores of the ClassTagGroup features, added to out[0..7); out[7] is
// a spare lane, which gets scratch (all eight lanes are added at once).
class ClassTagContextCache {
 public:
  void add(const OwnKey& key, const VerbGroup& group, std::uint32_t tp1,
           const EventModelData& model, std::int32_t* out) {
    if (model_ != model.serial) {
      table_.assign(std::size_t{offset(ClassTagGroup::count)} * lanes, 0);
      model_ = model.serial;
    }
    // Both indices first, as TagContextCache::score computes its own.
    const std::uint32_t next_tag_tense =
        class_tag_group_index(ClassTagGroup::next_tag_tense, key, group, tp1);
    const std::uint32_t signature =
        class_tag_group_index(ClassTagGroup::signature, key, group, tp1);
    add_group<ClassTagGroup::next_tag_tense>(next_tag_tense, key, group, tp1, model, out);
    add_group<ClassTagGroup::signature>(signature, key, group, tp1, model, out);
  }

 private:
  static constexpr unsigned lanes = 8;  // seven scores, then 1 once they are filled in

  static constexpr std::uint32_t offset(ClassTagGroup g) {
    return group_offset<ClassTagGroup, class_tag_group_size>(g);
  }

  // Adds group G's scores, whose class_tag_group_index is `index`.
  template <ClassTagGroup G>
  void add_group(std::uint32_t index, const OwnKey& key, const VerbGroup& group, std::uint32_t tp1,
                 const EventModelData& model, std::int32_t* out) {
    std::int32_t* row = &table_[std::size_t{offset(G) + index} * lanes];
    if (row[7] == 0) {
      Features f;
      class_tag_group_features(G, key, group, tp1, f);
      model.event_class.score(f, row);
      row[7] = 1;
    }
    I32x8 sum, add;
    std::memcpy(&sum, out, sizeof sum);
    std::memcpy(&add, row, sizeof add);
    sum += add;
    std::memcpy(out, &sum, sizeof sum);
  }

  std::uint64_t model_ = 0;  // EventModelData::serial of the scores in table_; 0: none
  std::vector<std::int32_t> table_;
};

}  // namespace chronicle::detail::event
