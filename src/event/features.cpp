#include "features.hpp"

namespace chronicle::detail::event {

namespace {

using Key = FeatureKey;

// A neighbour's tag: its id, or a marker past the sentence's start and end.
std::uint32_t tag_at(const std::vector<Unit>& units, long k, std::uint32_t begin,
                     std::uint32_t end) {
  if (k < static_cast<long>(begin)) return tag_before_sentence;
  if (k >= static_cast<long>(end)) return tag_after_sentence;
  return tag_id(units[static_cast<std::size_t>(k)].tag);
}

}  // namespace

static_assert(static_cast<unsigned>(Tag::count) <= 32, "OwnKey packs a tag in 5 bits");

void own_detection_features(const OwnKey& key, Features& f) {
  const std::uint32_t w = key.word, lemma = key.lemma;
  const std::uint32_t t = key.tag(), shape = key.shape(), hints = key.hints();
  const std::uint32_t pos_mask = key.pos_mask(), noun_lex = key.noun_lex();
  const std::uint32_t verb_lex = key.verb_lex(), eventive = key.eventive();
  const std::uint32_t from_verb = key.from_verb();
  f.n = 0;
  f.add(Key(1).done());
  f.add(Key(2).n(w).done());
  f.add(Key(3).n(lemma).done());
  f.add(Key(5).n(key.suffix3).done());
  f.add(Key(7).n(t).done());
  f.add(Key(8).n(pos_mask).done());
  f.add(Key(9).n(noun_lex).n(t).done());
  f.add(Key(10).n(verb_lex).n(t).done());
  f.add(Key(11).n(eventive).n(from_verb).n(t).done());
  f.add(Key(13).n(shape).done());
  f.add(Key(29).n(hints).done());
  f.add(Key(30).n(lemma).n(t).done());
  if (t == tag_id(Tag::noun)) {
    f.add(Key(38).n(hints).n(eventive).n(from_verb).done());
    f.add(Key(39).n(key.suffix3).n(from_verb).n(eventive).done());
  }
}

void word_context_features(const OwnKey& key, const DetectContext& c, Features& f) {
  each_word_context_feature(key, c, [&f](std::uint32_t h) { f.add(h); });
}

void tag_group_features(TagGroup g, const OwnKey& key, const DetectContext& c, Features& f) {
  const std::uint32_t t = key.tag(), tm1 = c.tm1, tp1 = c.tp1;
  const std::uint32_t noun_lex = key.noun_lex(), eventive = key.eventive();
  const std::uint32_t from_verb = key.from_verb();
  switch (g) {
    case TagGroup::tags:
      f.add(Key(18).n(tm1).done());
      f.add(Key(19).n(tp1).done());
      f.add(Key(22).n(tm1).n(t).done());
      f.add(Key(23).n(t).n(tp1).done());
      f.add(Key(24).n(tm1).n(t).n(tp1).done());
      break;
    case TagGroup::signature:
      f.add(Key(28).n(c.signature).n(t).done());
      break;
    case TagGroup::lex_left:
      f.add(Key(33).n(eventive).n(from_verb).n(noun_lex).n(tm1).done());
      break;
    case TagGroup::lex_right:
      if (t == tag_id(Tag::noun)) f.add(Key(40).n(noun_lex).n(from_verb).n(tp1).done());
      break;
    case TagGroup::count:
      break;
  }
}

void context_detection_features(const std::vector<Unit>& units, std::uint32_t i,
                                std::uint32_t begin, std::uint32_t end, const OwnKey& key,
                                Features& f) {
  const DetectContext c = detect_context(units, i, begin, end);
  word_context_features(key, c, f);
  for (unsigned g = 0; g < static_cast<unsigned>(TagGroup::count); ++g) {
    tag_group_features(static_cast<TagGroup>(g), key, c, f);
  }
}

void detection_features(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                        std::uint32_t end, Features& f) {
  const OwnKey key = own_key(units[i]);
  own_detection_features(key, f);
  context_detection_features(units, i, begin, end, key, f);
}

void own_class_features(const ClassKey& key, Features& f) {
  const OwnKey& o = key.own;
  const std::uint32_t w = o.word, lemma = o.lemma;
  const std::uint32_t t = o.tag(), hints = o.hints(), noun_lex = o.noun_lex();
  const std::uint32_t verb_lex = o.verb_lex(), eventive = o.eventive();
  const std::uint32_t from_verb = o.from_verb();
  f.n = 0;
  f.add(Key(101).done());
  f.add(Key(102).n(w).done());
  f.add(Key(103).n(lemma).done());
  f.add(Key(104).n(o.suffix3).done());
  f.add(Key(105).n(t).done());
  f.add(Key(106).n(hints).done());
  f.add(Key(107).n(hints).n(t).done());
  f.add(Key(108).n(verb_lex).n(t).done());
  f.add(Key(109).n(noun_lex).n(t).done());
  f.add(Key(117).n(eventive).n(from_verb).done());
  f.add(Key(118).n(lemma).n(t).done());
  f.add(Key(121).n(key.suffix4).done());
  f.add(Key(123).n(key.freqs).n(t).done());
}

void word_context_class_features(const std::vector<Unit>& units, std::uint32_t i,
                                 std::uint32_t begin, std::uint32_t end, const ClassKey& key,
                                 Features& f) {
  each_word_context_class_feature(units, i, end, key, detect_context(units, i, begin, end),
                                  [&f](std::uint32_t h) { f.add(h); });
}

void word_context_class_scores(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                               std::uint32_t end, const ClassKey& key,
                               const LinearModel& event_class, std::int32_t* out) {
  word_context_class_scores(units, i, end, key, detect_context(units, i, begin, end), event_class,
                            out);
}

void class_tag_group_features(ClassTagGroup g, const OwnKey& key, const VerbGroup& group,
                              std::uint32_t tp1, Features& f) {
  if (g == ClassTagGroup::next_tag_tense) {
    f.add(Key(112).n(tp1).done());
    f.add(Key(122)
              .n(static_cast<std::uint32_t>(group.tense))
              .n(static_cast<std::uint32_t>(group.aspect))
              .done());
  } else if (g == ClassTagGroup::signature) {
    f.add(Key(115).n(group.signature).n(key.tag()).done());
  }
}

void context_class_features(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                            std::uint32_t end, const VerbGroup& g, const ClassKey& key,
                            Features& f) {
  word_context_class_features(units, i, begin, end, key, f);
  const std::uint32_t tp1 = tag_at(units, static_cast<long>(i) + 1, begin, end);
  for (unsigned k = 0; k < static_cast<unsigned>(ClassTagGroup::count); ++k) {
    class_tag_group_features(static_cast<ClassTagGroup>(k), key.own, g, tp1, f);
  }
}

void class_features(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                    std::uint32_t end, const VerbGroup& g, Features& f) {
  const ClassKey key = class_key(units[i], own_key(units[i]));
  own_class_features(key, f);
  context_class_features(units, i, begin, end, g, key, f);
}

}  // namespace chronicle::detail::event
