#include "grammar.hpp"

#include <algorithm>

namespace chronicle::detail::event {

namespace {

bool is_present_aux(std::string_view w) {
  return w == "is" || w == "am" || w == "are" || w == "'s" || w == "'re" || w == "'m" ||
         w == "has" || w == "have" || w == "'ve" || w == "do" || w == "does" ||
         w == "\xE2\x80\x99s" || w == "\xE2\x80\x99re" || w == "\xE2\x80\x99ve";
}
bool is_past_aux(std::string_view w) {
  return w == "was" || w == "were" || w == "had" || w == "did";
}

std::string_view modal_name(std::string_view w) {
  if (w == "'d") return "would";
  if (w == "'ll" || w == "wo") return "will";
  if (w == "ca") return "can";
  return w;
}

// The tense a lone auxiliary-like head shows by itself ("had", "is", "being").
Tense own_tense(const Unit& u) {
  if (is_present_aux(u.lower)) return Tense::present;
  if (is_past_aux(u.lower)) return Tense::past;
  if (u.lower == "being" || u.lower == "having") return Tense::prespart;
  if (u.lower == "been") return Tense::pastpart;
  return Tense::none;
}

bool nominal_head(Tag t) {
  return tag_in<Tag::noun, Tag::propn, Tag::pron, Tag::numw, Tag::num>(t);
}

bool chunk_member(Tag t) {
  return tag_in<Tag::noun, Tag::propn, Tag::pron, Tag::numw, Tag::num, Tag::det, Tag::poss,
                Tag::adj, Tag::adv>(t);
}

Span span_of(const Unit& u) {
  return Span{u.begin, u.end};
}

// The head of the noun phrase ending at or before unit j (scanning left within the clause),
// past prepositional attachments ("officers of the police" -> "officers"); -1 when none.
long subject_left(const std::vector<Unit>& units, long j, long begin) {
  while (j >= begin && (units[static_cast<std::size_t>(j)].tag == Tag::adv ||
                        units[static_cast<std::size_t>(j)].tag == Tag::neg)) {
    --j;
  }
  long head = -1;
  bool relative = false;
  for (int hops = 0; j >= begin && hops < 4; ++hops) {
    const Unit& u = units[static_cast<std::size_t>(j)];
    if (u.has(Unit::in_timex)) {  // "in a statement Thursday urged": times do nothing
      --j;
      continue;
    }
    if (u.tag == Tag::wh || (u.tag == Tag::sub && u.lower == "that")) {
      // A relative pronoun: its antecedent is the noun right before it (past a comma).
      --j;
      if (j >= begin && units[static_cast<std::size_t>(j)].tag == Tag::punct &&
          units[static_cast<std::size_t>(j)].lower == ",") {
        --j;
      }
      relative = true;
      continue;
    }
    if (!nominal_head(u.tag)) break;
    head = j;
    if (relative) break;
    long k = j;
    while (k > begin && chunk_member(units[static_cast<std::size_t>(k - 1)].tag)) --k;
    // "A number of protesters", "the city hall in the capital": keep looking past "of"/"in".
    if (k - 1 > begin && units[static_cast<std::size_t>(k - 1)].tag == Tag::prep &&
        nominal_head(units[static_cast<std::size_t>(k - 2)].tag)) {
      j = k - 2;
      continue;
    }
    break;
  }
  return head;
}

// The head of the noun phrase starting at unit j (the last noun of its chunk); -1 when none.
long noun_phrase_right(const std::vector<Unit>& units, std::size_t j, std::size_t end) {
  while (j < end &&
         tag_in<Tag::det, Tag::poss, Tag::adj, Tag::adv, Tag::num, Tag::numw>(units[j].tag)) {
    ++j;
  }
  long head = -1;
  if (j < end && units[j].has(Unit::in_timex)) return -1;  // "began days ago"
  if (j < end && units[j].tag == Tag::pron) return static_cast<long>(j);
  while (j < end && (units[j].tag == Tag::noun || units[j].tag == Tag::propn) &&
         !units[j].has(Unit::in_timex)) {
    head = static_cast<long>(j);
    ++j;
  }
  if (head < 0 && j > 0 && j <= end &&
      (units[j - 1].tag == Tag::num || units[j - 1].tag == Tag::numw)) {
    head = static_cast<long>(j - 1);
  }
  return head;
}

bool is_particle(const Unit& u) {
  return u.tag == Tag::part || u.lower == "afire" || u.lower == "ablaze" || u.lower == "apart";
}

// Light verbs whose object is part of what happened: "opened fire", "took place".
bool idiom(std::string_view lemma, std::string_view object) {
  if (object == "fire")
    return lemma == "open" || lemma == "cease" || lemma == "hold" || lemma == "return" ||
           lemma == "set" || lemma == "catch";
  if (object == "place" || object == "part" || object == "office" || object == "power") {
    return lemma == "take";
  }
  return false;
}

}  // namespace

VerbGroup verb_group(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                     int depth) {
  VerbGroup g;
  const Unit& head = units[i];
  g.first = i;
  // Walk left over auxiliaries, adverbs and negation; "to" closes the group.
  std::uint32_t aux[8];
  unsigned n_aux = 0;
  bool neg = false;
  for (std::uint32_t j = i; j > begin;) {
    const Unit& u = units[--j];
    if (!in_group(u.tag)) break;
    if (u.tag == Tag::neg) neg = true;
    if (u.tag != Tag::adv && u.tag != Tag::neg) {
      if (n_aux == 8) break;
      aux[n_aux++] = j;
      g.signature = static_cast<std::uint8_t>(g.signature | signature_bit(u.tag));
    }
    if (u.tag != Tag::adv) g.first = j;
    if (u.tag == Tag::to) break;
  }
  // aux[] is right to left; the first auxiliary (the finite one) is aux[n_aux - 1].
  if (neg) g.polarity = Polarity::neg;
  const Tag t = head.tag;
  const bool verbal = is_verb_tag(t) || t == Tag::be || t == Tag::have || t == Tag::do_;
  if (t == Tag::noun || t == Tag::propn) {
    g.pos = PartOfSpeech::noun;
  } else if (t == Tag::adj) {
    g.pos = PartOfSpeech::adjective;
  } else if (verbal) {
    g.pos = PartOfSpeech::verb;
  } else if (t == Tag::prep || t == Tag::part) {
    g.pos = PartOfSpeech::preposition;
  }
  // "no agreement", "never a protest": a negated noun.
  if (!verbal && i > begin) {
    const Unit& p = units[i - 1];
    if (p.lower == "no" || p.lower == "never" || p.lower == "not") g.polarity = Polarity::neg;
    if (i > begin + 1 && (p.tag == Tag::adj || p.tag == Tag::det) &&
        (units[i - 2].lower == "no" || units[i - 2].lower == "not")) {
      g.polarity = Polarity::neg;
    }
  }
  if (t == Tag::noun || t == Tag::propn) return g;  // nouns: tense and aspect NONE
  if (n_aux == 0 && t == Tag::vb) {
    // A base form shares the group of the base form it is coordinated with ("to impede or
    // delay", "could provide ... and make"), and after help/let/make/see it is a bare
    // infinitive ("help prevent").
    std::uint32_t j = i;
    while (j > begin && units[j - 1].tag == Tag::adv) --j;
    if (j > begin && units[j - 1].tag == Tag::conj && depth < 2) {
      for (std::uint32_t k = j - 1; k > begin && k + 10 > j;) {
        const Unit& v = units[--k];
        if (v.tag == Tag::punct && v.lower != ",") break;
        if (v.tag == Tag::vb) {
          const VerbGroup other = verb_group(units, k, begin, depth + 1);
          if (other.tense != Tense::present) {
            g.tense = other.tense;
            g.modality = other.modality;
            if (other.polarity == Polarity::neg) g.polarity = Polarity::neg;
            return g;
          }
          break;
        }
        if (is_verb_tag(v.tag)) break;
      }
    }
    std::uint32_t k = j;
    if (k > begin && (units[k - 1].tag == Tag::pron || units[k - 1].tag == Tag::propn)) --k;
    if (k > begin && is_verb_tag(units[k - 1].tag)) {
      const std::string_view l = units[k - 1].word.verb_lemma;
      if (l == "help" || l == "let" || l == "make" || l == "see" || l == "watch" || l == "hear") {
        g.tense = Tense::infinitive;
        return g;
      }
    }
  }
  if (n_aux == 0) {
    switch (t) {
      case Tag::vbd:
        g.tense = Tense::past;
        break;
      case Tag::vbz:
        g.tense = Tense::present;
        break;
      case Tag::vb:
        g.tense = Tense::present;
        break;
      case Tag::vbg:
        g.tense = Tense::prespart;
        break;
      case Tag::vbn:
        g.tense = Tense::pastpart;
        break;
      case Tag::be:
      case Tag::have:
      case Tag::do_:
        g.tense = own_tense(head);
        break;
      default:
        break;
    }
    return g;
  }
  const Unit& first = units[aux[n_aux - 1]];
  switch (first.tag) {
    case Tag::to:
      g.tense = Tense::infinitive;
      break;
    case Tag::will:
      g.tense = Tense::future;  // and, as the issue lists it, the modality "will"
      g.modality = modal_name(first.lower);
      break;
    case Tag::md:
      g.tense = Tense::none;
      g.modality = modal_name(first.lower);
      break;
    default:
      g.tense = own_tense(first);
      break;
  }
  // A modal deeper in the group ("is going to" aside): "to" after a modal never happens
  // here since "to" closes the group.
  for (unsigned k = 0; k + 1 < n_aux; ++k) {
    if (units[aux[k]].tag == Tag::md && g.modality.empty())
      g.modality = modal_name(units[aux[k]].lower);
  }
  if (!verbal) return g;  // a predicative adjective takes its copula's tense, no aspect
  // Aspect: have + participle is perfective; be + -ing progressive; both, perfective
  // progressive. aux[0] is the auxiliary right before the head.
  bool perfect = false, progressive = false;
  for (unsigned k = 0; k < n_aux; ++k) {
    const Unit& a = units[aux[k]];
    const Unit& after = k == 0 ? head : units[aux[k - 1]];
    if (a.tag == Tag::have && (after.tag == Tag::vbn || after.lower == "been" ||
                               after.tag == Tag::vbd || after.word.form == Form::ed)) {
      perfect = true;
    }
    if (a.tag == Tag::be && after.tag == Tag::vbg && k == 0) progressive = true;
    if (a.tag == Tag::be && a.lower == "being" && k == 0 && after.tag == Tag::vbn) {
      progressive = true;
    }
    if (a.tag == Tag::be && k == 0 && (after.tag == Tag::vbn || after.tag == Tag::vbd)) {
      g.passive = true;
    }
  }
  g.aspect = perfect && progressive ? Aspect::perfective_progressive
             : perfect              ? Aspect::perfective
             : progressive          ? Aspect::progressive
                                    : Aspect::none;
  return g;
}

bool main_verb_have(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t end) {
  const Unit& u = units[i];
  if (u.tag != Tag::have || u.lower == "having") return false;
  std::uint32_t j = i + 1;
  while (j < end && (units[j].tag == Tag::adv || units[j].tag == Tag::neg)) ++j;
  if (j >= end) return false;  // "as it has.": an auxiliary whose verb is left out
  const Unit& next = units[j];
  switch (next.tag) {
    case Tag::det:
    case Tag::poss:
    case Tag::num:
    case Tag::numw:
    case Tag::noun:
    case Tag::adj:
      return !next.has(Unit::in_timex);  // "had earlier ..." is no object
    case Tag::pron:  // "had them", not "had he known" (a question or a condition)
      return next.lower == "them" || next.lower == "him" || next.lower == "us" ||
             next.lower == "me";
    default:
      return false;
  }
}

Arguments arguments(const std::vector<Unit>& units, std::uint32_t i, std::uint32_t begin,
                    std::uint32_t end, const VerbGroup& group) {
  Arguments args;
  const Unit& head = units[i];
  args.phrase = span_of(head);
  if (group.pos != PartOfSpeech::verb) return args;

  // Subject: the nearest noun phrase to the left of the group. After "and" with no subject
  // of its own, a verb shares the previous verb's ("rioters broke into ... and set").
  long subj = -1;
  long j = static_cast<long>(group.first) - 1;
  if (j >= static_cast<long>(begin) && units[static_cast<std::size_t>(j)].tag == Tag::conj) {
    for (long k = j - 1; k >= static_cast<long>(begin); --k) {
      const Tag t = units[static_cast<std::size_t>(k)].tag;
      if (t == Tag::punct && units[static_cast<std::size_t>(k)].lower != ",") break;
      if (is_verb_tag(t)) {
        const VerbGroup g = verb_group(units, static_cast<std::uint32_t>(k), begin);
        subj = subject_left(units, static_cast<long>(g.first) - 1, static_cast<long>(begin));
        break;
      }
    }
  } else {
    subj = subject_left(units, j, static_cast<long>(begin));
  }

  // Object: the noun phrase right after the head (past a particle).
  std::size_t r = i + 1;
  std::size_t phrase_end = i;
  if (r < end && is_particle(units[r])) phrase_end = r++;
  // Headlines drop the auxiliary of a passive: "Dozens of protesters, police killed as ...".
  bool passive = group.passive;
  if (head.has(Unit::headline) && group.first == i && head.word.form == Form::ed &&
      noun_phrase_right(units, r, end) < 0) {
    passive = true;
  }
  long obj = -1;
  if (!passive) obj = noun_phrase_right(units, r, end);
  if (obj >= 0 && idiom(head.word.verb_lemma, units[static_cast<std::size_t>(obj)].lower)) {
    phrase_end = static_cast<std::size_t>(obj);
  }
  // "set some on fire", "set afire": the resulting state closes the phrase.
  for (std::size_t k = i + 1; k < end && k <= i + 5; ++k) {
    const Unit& u = units[k];
    if (u.tag == Tag::punct || is_verb_tag(u.tag)) break;
    if (u.lower == "afire" || u.lower == "ablaze" ||
        (u.lower == "fire" && k > i + 1 && units[k - 1].lower == "on")) {
      phrase_end = k;
      break;
    }
  }
  args.phrase = Span{head.begin, units[phrase_end].end};

  if (passive) {
    // The subject undergoes it; the by-phrase does it.
    if (subj >= 0) args.object = span_of(units[static_cast<std::size_t>(subj)]);
    for (std::size_t k = i + 1; k < end && k <= i + 12; ++k) {
      if (units[k].tag == Tag::punct || is_verb_tag(units[k].tag)) break;
      if (units[k].lower == "by") {
        const long by = noun_phrase_right(units, k + 1, end);
        if (by >= 0) args.actor = span_of(units[static_cast<std::size_t>(by)]);
        break;
      }
    }
    return args;
  }
  if (subj < 0 && i > begin) {
    // "..., said Ned Price": an inverted subject after a verb that follows a comma or quote.
    const Unit& before = units[group.first > begin ? group.first - 1 : begin];
    if (before.tag == Tag::punct) {
      const long s = noun_phrase_right(units, r, end);
      if (s >= 0) {
        subj = s;
        obj = -1;
      }
    }
  }
  if (subj >= 0) args.actor = span_of(units[static_cast<std::size_t>(subj)]);
  if (obj >= 0) args.object = span_of(units[static_cast<std::size_t>(obj)]);
  return args;
}

}  // namespace chronicle::detail::event
