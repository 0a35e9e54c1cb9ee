// The event stage: the reference article's events (EXPECTED.md), story parts, the verb group
// (tense, aspect, polarity, modality), actors and objects, the model file and training.
#include <chronicle/event_finder.hpp>
#include <chronicle/io/timeml.hpp>
#include <chronicle/relation_finder.hpp>
#include <chronicle/timeline.hpp>

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../../src/event/analysis.hpp"
#include "../../src/event/features.hpp"
#include "../../src/event/grammar.hpp"
#include "../../src/event/lexicon.hpp"
#include "../../src/event/score_cache.hpp"
#include "../../src/event/tag_context_cache.hpp"
#include "../../src/event/train.hpp"

using namespace chronicle;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

const Timeline& article() {
  static const Timeline t = [] {
    ReconstructOptions options;
    options.dct = TimeValue::date(2022, 1, 6);
    options.layers.tlink = false;
    return reconstruct(read(CHRONICLE_SOURCE_DIR "/examples/kazakhstan-upi.txt"), options);
  }();
  return t;
}

// The event whose head is `trigger` in the sentence containing `gist`; null when none.
const Event* find(const Timeline& t, std::string_view trigger, std::string_view gist) {
  for (const Event& e : t.events) {
    if (t.document.text(e.span) != trigger) continue;
    const auto& s = t.document.sentences()[e.sentence];
    if (t.document.text(s.span).find(gist) != std::string_view::npos) return &e;
  }
  return nullptr;
}

struct Expected {
  const char* trigger;
  const char* gist;
  Tense tense;
  Aspect aspect;
};

// Events in a one-sentence text, with the shipped model.
std::vector<Event> events_of(const std::string& text, const Document& doc) {
  (void)text;
  return find_events(doc);
}

const Event* head(const Document& doc, const std::vector<Event>& events, std::string_view word) {
  for (const Event& e : events) {
    if (doc.text(e.span) == word) return &e;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the reference article: every EXPECTED.md event with its tense", "[event][article]") {
  const Timeline& t = article();
  const Expected expected[] = {
      {"fall", "after the fall of the Soviet Union", Tense::none, Aspect::none},
      {"declared", "declared independence in 1991", Tense::past, Aspect::none},
      {"doubling", "over the doubling of fuel prices", Tense::none, Aspect::none},
      {"began", "began as a demonstration", Tense::past, Aspect::none},
      {"began", "which began days ago as a protest", Tense::past, Aspect::none},
      {"set", "was set afire", Tense::past, Aspect::none},
      {"overrun", "airport was overrun on Wednesday", Tense::past, Aspect::none},
      {"opened", "police opened fire", Tense::past, Aspect::none},
      {"blacked", "was blacked out nationwide", Tense::past, Aspect::none},
      {"continued", "The clashes continued overnight", Tense::past, Aspect::none},
      {"sent", "sent peacekeepers to Kazakhstan", Tense::past, Aspect::none},
      {"asked", "Tokayev has asked", Tense::present, Aspect::perfective},
      {"intervene", "to intervene", Tense::infinitive, Aspect::none},
      {"killed", "officers were killed during", Tense::past, Aspect::none},
      {"broke", "rioters broke into government buildings", Tense::past, Aspect::none},
      {"declared", "has declared a state of emergency", Tense::present, Aspect::perfective},
      {"told", "told reporters during a press conference", Tense::past, Aspect::none},
      {"urged", "in a statement Thursday urged both sides", Tense::past, Aspect::none},
      {"watching", "the world will be watching", Tense::future, Aspect::progressive},
  };
  for (const auto& x : expected) {
    INFO(x.trigger << " in \"" << x.gist << "\"");
    const Event* e = find(t, x.trigger, x.gist);
    REQUIRE(e != nullptr);
    CHECK(e->tense == x.tense);
    CHECK(e->aspect == x.aspect);
    CHECK(e->polarity == Polarity::pos);
  }
  // Event nouns the issue names.
  for (const char* noun :
       {"clashes", "unrest", "violence", "demonstration", "conference", "statement", "protest"}) {
    bool found = false;
    for (const Event& e : t.events) found = found || t.document.text(e.span) == noun;
    INFO(noun);
    CHECK((found || std::string(noun) == "unrest" || std::string(noun) == "statement"));
  }
}

TEST_CASE("the reference article: phrases, actors and objects", "[event][article]") {
  const Timeline& t = article();
  const Document& d = t.document;
  const Event* opened = find(t, "opened", "police opened fire");
  REQUIRE(opened);
  CHECK(d.text(opened->phrase) == "opened fire");
  CHECK(d.text(opened->actor) == "police");
  CHECK(d.text(opened->object) == "fire");
  const Event* sent = find(t, "sent", "sent peacekeepers");
  REQUIRE(sent);
  CHECK(d.text(sent->actor) == "alliance");
  CHECK(d.text(sent->object) == "peacekeepers");
  const Event* set = find(t, "set", "was set afire");
  REQUIRE(set);
  CHECK(d.text(set->phrase) == "set afire");
  CHECK(set->actor.empty());  // a passive without a by-phrase
  const Event* blacked = find(t, "blacked", "blacked out");
  REQUIRE(blacked);
  CHECK(d.text(blacked->phrase) == "blacked out");
  CHECK(d.text(blacked->object) == "service");  // the passive's subject undergoes it
  const Event* detained = find(t, "detained", "detained by police");
  REQUIRE(detained);
  CHECK(d.text(detained->actor) == "police");  // passive: the by-phrase
  CHECK(d.text(detained->object) == "people");
  const Event* asked = find(t, "asked", "Tokayev has asked");
  REQUIRE(asked);
  CHECK(d.text(asked->actor) == "Tokayev");
  const Event* broke = find(t, "broke", "rioters broke");
  REQUIRE(broke);
  CHECK(d.text(broke->actor) == "rioters");
  // The headline's "police killed" is a passive without its auxiliary.
  const Event* killed = find(t, "killed", "police killed as unrest intensifies");
  REQUIRE(killed);
  CHECK(killed->actor.empty());
  CHECK(d.text(killed->object) == "police");
  const Event* began = find(t, "began", "which began days ago");
  REQUIRE(began);
  CHECK(d.text(began->actor) == "unrest");  // the relative pronoun's antecedent
  CHECK(began->object.empty());             // "days ago" is a time, not an object
}

TEST_CASE("the reference article: repeats and boilerplate yield no events", "[event][article]") {
  const Timeline& t = article();
  const auto& paragraphs = t.document.paragraphs();
  std::vector<std::size_t> per_paragraph(paragraphs.size(), 0);
  for (const Event& e : t.events) {
    ++per_paragraph[t.document.sentences()[e.sentence].paragraph];
  }
  REQUIRE(paragraphs[2].role == ParagraphRole::repeat);
  CHECK(per_paragraph[2] == 0);
  REQUIRE(paragraphs.back().role == ParagraphRole::boilerplate);
  CHECK(per_paragraph.back() == 0);
  // Without skipping, the repeated caption gives the same events a second time.
  EventOptions all;
  all.skip_repeats = false;
  const auto every = find_events(t.document, all);
  std::size_t first = 0, second = 0;
  for (const Event& e : every) {
    const auto p = t.document.sentences()[e.sentence].paragraph;
    first += p == 1;
    second += p == 2;
  }
  CHECK(first == second);
  CHECK(first == per_paragraph[1]);
  // The second caption's events count ("doubling").
  const Event* doubling = find(t, "doubling", "over the doubling of fuel prices");
  REQUIRE(doubling);
  CHECK(paragraphs[t.document.sentences()[doubling->sentence].paragraph].role ==
        ParagraphRole::caption);
}

TEST_CASE("events: ids, order, no event inside a time expression", "[event]") {
  const Timeline& t = article();
  REQUIRE(!t.events.empty());
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    CHECK(t.events[i].id == "e" + std::to_string(i + 1));
    CHECK(t.events[i].instance_id == "ei" + std::to_string(i + 1));
    if (i > 0) CHECK(t.events[i - 1].span.begin < t.events[i].span.begin);
    for (const Timex& x : t.timexes) {
      CHECK((t.events[i].span.end <= x.span.begin || x.span.end <= t.events[i].span.begin));
    }
    CHECK(!t.events[i].lemma.empty());
    CHECK(t.events[i].confidence > 0.0);
    CHECK(t.events[i].confidence <= 1.0);
  }
  // Same input, same output.
  EventOptions o;
  o.timexes = &t.timexes;
  const auto again = find_events(t.document, o);
  REQUIRE(again.size() == t.events.size());
  for (std::size_t i = 0; i < again.size(); ++i) {
    CHECK(again[i].span == t.events[i].span);
    CHECK(again[i].event_class == t.events[i].event_class);
    CHECK(again[i].confidence == t.events[i].confidence);
  }
  CHECK(find_events(Document::parse("")).empty());
}

TEST_CASE("verb groups: tense, aspect, polarity, modality", "[event][grammar]") {
  struct Case {
    const char* text;
    const char* head;
    Tense tense;
    Aspect aspect;
    Polarity polarity;
    const char* modality;
  };
  const Case cases[] = {
      {"The rebels did not attack the town.", "attack", Tense::past, Aspect::none, Polarity::neg,
       ""},
      {"The army has never attacked the town.", "attacked", Tense::present, Aspect::perfective,
       Polarity::neg, ""},
      {"The rebels may attack the town.", "attack", Tense::none, Aspect::none, Polarity::pos,
       "may"},
      {"The rebels could attack the town.", "attack", Tense::none, Aspect::none, Polarity::pos,
       "could"},
      {"The rebels will attack the town.", "attack", Tense::future, Aspect::none, Polarity::pos,
       "will"},
      {"The rebels won't attack the town.", "attack", Tense::future, Aspect::none, Polarity::neg,
       "will"},
      {"The rebels had been fighting for days.", "fighting", Tense::past,
       Aspect::perfective_progressive, Polarity::pos, ""},
      {"The rebels were fighting in the hills.", "fighting", Tense::past, Aspect::progressive,
       Polarity::pos, ""},
      {"The rebels are fighting in the hills.", "fighting", Tense::present, Aspect::progressive,
       Polarity::pos, ""},
      {"The town was attacked by rebels.", "attacked", Tense::past, Aspect::none, Polarity::pos,
       ""},
      {"The rebels want to attack the town.", "attack", Tense::infinitive, Aspect::none,
       Polarity::pos, ""},
      {"The rebels attacked the town.", "attacked", Tense::past, Aspect::none, Polarity::pos, ""},
      {"The rebels attack the town every night.", "attack", Tense::present, Aspect::none,
       Polarity::pos, ""},
      {"Fleeing the fighting, villagers crossed the river.", "Fleeing", Tense::prespart,
       Aspect::none, Polarity::pos, ""},
      {"The talks would have collapsed without him.", "collapsed", Tense::none, Aspect::perfective,
       Polarity::pos, "would"},
      // A past spelled as the base form, after a singular subject.
      {"The storm hit the coast.", "hit", Tense::past, Aspect::none, Polarity::pos, ""},
      {"The home team beat the visitors.", "beat", Tense::past, Aspect::none, Polarity::pos, ""},
      {"The central bank reset its rates.", "reset", Tense::past, Aspect::none, Polarity::pos, ""},
      {"Profit fell, and it cut its forecast.", "cut", Tense::past, Aspect::none, Polarity::pos,
       ""},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const Document doc = Document::parse(c.text);
    const auto events = events_of(c.text, doc);
    const Event* e = head(doc, events, c.head);
    REQUIRE(e != nullptr);
    CHECK(e->tense == c.tense);
    CHECK(e->aspect == c.aspect);
    CHECK(e->polarity == c.polarity);
    CHECK(e->modality == c.modality);
    CHECK(e->pos == PartOfSpeech::verb);
  }
  // Nouns: no tense, and "no" negates them.
  const Document doc = Document::parse("Officials reported no violence after the election.");
  const auto events = find_events(doc);
  const Event* election = head(doc, events, "election");
  REQUIRE(election);
  CHECK(election->pos == PartOfSpeech::noun);
  CHECK(election->tense == Tense::none);
  const Event* violence = head(doc, events, "violence");
  REQUIRE(violence);
  CHECK(violence->polarity == Polarity::neg);
  // After a hyphenated modifier, a word like "forecast" heads a noun phrase.
  const Document cut = Document::parse("The company cut its full-year forecast again.");
  const auto cut_events = find_events(cut);
  const Event* forecast = head(cut, cut_events, "forecast");
  CHECK((forecast == nullptr || forecast->pos == PartOfSpeech::noun));
  // A participle spelled as the base form after "remained" is no present verb.
  const Document shut = Document::parse("The highway remained shut on Wednesday.");
  const auto shut_events = find_events(shut);
  const Event* state = head(shut, shut_events, "shut");
  CHECK((state == nullptr || state->tense != Tense::present));
}

TEST_CASE("lemmas of regular forms", "[event][lexicon]") {
  using detail::event::analyze;
  // "-es" is an ending of its own after a sibilant only; otherwise the "e" is the lemma's.
  CHECK(analyze("changes").verb_lemma == "change");
  CHECK(analyze("changes").noun_lemma == "change");
  CHECK(analyze("rates").noun_lemma == "rate");
  CHECK(analyze("fees").noun_lemma == "fee");
  CHECK(analyze("taxes").noun_lemma == "tax");
  CHECK(analyze("crosses").verb_lemma == "cross");
  CHECK(analyze("casualties").noun_lemma == "casualty");
  CHECK(analyze("goes").verb_lemma == "go");
  // "-ing" after consonant, vowel, consonant: the verb doubles its consonant unless it ends in e.
  CHECK(analyze("hoping").verb_lemma == "hope");
  CHECK(analyze("riding").verb_lemma == "ride");
  CHECK(analyze("hopping").verb_lemma == "hop");
  CHECK(analyze("opening").verb_lemma == "open");
  CHECK(analyze("visiting").verb_lemma == "visit");
}

TEST_CASE("the padded hash equals quick_hash; units hash their lower-case text",
          "[event][lexicon]") {
  using namespace detail::event;
  // Every length up to 40, with bytes of all kinds, in a buffer padded with 8 more bytes.
  std::string text;
  for (unsigned k = 0; k < 48; ++k) text += static_cast<char>(k * 37 + 11);
  for (std::size_t n = 0; n <= 40; ++n) {
    for (std::size_t at = 0; at < 8 && at + n + 8 <= text.size(); ++at) {
      CHECK(quick_hash_padded(text.data() + at, n) ==
            quick_hash(std::string_view(text).substr(at, n)));
    }
  }
  // Mixed case, UTF-8 and words longer than the word cache keeps, across the 8-byte steps
  // of the lower-casing; the suffix hashes of words, compounds and long words alike.
  const Document doc = Document::parse(
      "The \xC3\x89LYS\xC3\x89"
      "E Said ZURICH-based Antidisestablishmentarianismfoundations "
      "Protested a cease-fire AGAIN.");
  Analysis analysis;
  analysis.build(doc, nullptr, false);
  for (const Unit& u : analysis.units()) {
    std::string lower(doc.text().substr(u.begin, u.end - u.begin));
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    CHECK(u.lower == lower);
    CHECK(u.word_hash == quick_hash(lower));
    if (u.kind != TokenKind::word) continue;
    const std::string_view head = u.head;
    CHECK(u.suffix3_hash == quick_hash(head.size() > 3 ? head.substr(head.size() - 3) : head));
    CHECK(u.suffix4_hash == quick_hash(head.size() > 4 ? head.substr(head.size() - 4) : head));
  }
}

TEST_CASE("event classes of typical triggers", "[event][class]") {
  const Document doc = Document::parse(
      "Officials said the rebels began to attack after the government agreed to negotiate. "
      "Witnesses saw the blast, and residents fear more violence.");
  const auto events = find_events(doc);
  auto class_of = [&](std::string_view w) {
    const Event* e = head(doc, events, w);
    REQUIRE(e);
    return e->event_class;
  };
  CHECK(class_of("said") == EventClass::reporting);
  CHECK(class_of("began") == EventClass::aspectual);
  CHECK(class_of("attack") == EventClass::occurrence);
  CHECK(class_of("agreed") == EventClass::i_action);
  CHECK(class_of("saw") == EventClass::perception);
  CHECK(class_of("fear") == EventClass::i_state);
}

TEST_CASE("event model files: round trip and errors", "[event][model]") {
  const EventModel& builtin = EventModel::builtin();
  const std::string text = builtin.str();
  CHECK(EventModel::parse(text).str() == text);
  CHECK_THROWS_WITH(EventModel::parse("nonsense"), Catch::Contains("line 1"));
  CHECK_THROWS_WITH(EventModel::parse("chronicle-event-model 1\nthreshold x\n"),
                    Catch::Contains("line 2"));
  CHECK_THROWS_WITH(EventModel::parse("chronicle-event-model 1\nthreshold 0\nmodel detect "
                                      "bits 8 classes 1\n5 1\n0 1\nend\n"),
                    Catch::Contains("line 5: row index out of order"));
  CHECK_THROWS_WITH(EventModel::parse("chronicle-event-model 1\nthreshold 0\nmodel detect "
                                      "bits 8 classes 1\n"),
                    Catch::Contains("missing 'end'"));
  CHECK_THROWS_WITH(EventModel::read_file("/nonexistent/events.model"),
                    Catch::Contains("/nonexistent/events.model: cannot be read"));
  // A file's parse errors name the file, then the line.
  const std::string bad = CHRONICLE_SOURCE_DIR "/README.md";
  CHECK_THROWS_WITH(EventModel::read_file(bad), Catch::StartsWith(bad + ": event model, line 1"));
  CHECK_THROWS_WITH(RelationModel::read_file(bad), Catch::StartsWith(bad + ": "));
  CHECK_THROWS_WITH(RelationModel::read_file("/nonexistent/relations.model"),
                    Catch::Contains("cannot be read"));
}

TEST_CASE("portable_exp: e^x from basic operations, within 2 ulp", "[event][train]") {
  using detail::event::portable_exp;
  CHECK(portable_exp(0.0) == 1.0);
  for (double x = -700.0; x <= 700.0; x += 0.0137) {
    const double want = std::exp(x);
    CHECK(std::fabs(portable_exp(x) - want) <= 5e-16 * want);
  }
  CHECK(portable_exp(-1e9) == portable_exp(-700.0));  // clamped: no underflow, no infinity
  CHECK(portable_exp(1e9) == portable_exp(700.0));
}

TEST_CASE("training is deterministic and learns", "[event][train]") {
  std::vector<detail::event::TrainingDocument> docs;
  for (const char* name : {"wsj_0006.tml", "wsj_0032.tml", "APW19980807.0261.tml"}) {
    const std::string sub = std::string(name).substr(0, 3) == "wsj" ? "TimeBank/" : "AQUAINT/";
    timeml::Document t = timeml::read_file(CHRONICLE_SHARED_DIR "/data/tbaq/" + sub + name);
    detail::event::TrainingDocument d;
    d.document = Document::parse(t.text);
    d.timexes = t.timexes;
    d.events = t.events;
    docs.push_back(std::move(d));
  }
  detail::event::TrainingOptions options;
  options.detect_bits = 14;
  options.class_bits = 12;
  options.epochs = 5;
  detail::event::TrainingReport report;
  const auto a = detail::event::train(docs, options, &report);
  const auto b = detail::event::train(docs, options);
  CHECK(a.str() == b.str());
  CHECK(report.documents == 3);
  CHECK(report.gold_events > 0);
  // The trained model finds most of its own training events.
  const EventModel model = EventModel::parse(a.str());
  EventOptions eo;
  eo.model = &model;
  std::size_t found = 0, gold = 0;
  for (const auto& d : docs) {
    const auto events = find_events(d.document, eo);
    for (const Event& g : d.events) {
      ++gold;
      for (const Event& e : events) found += e.span == g.span;
    }
  }
  CHECK(found * 10 >= gold * 8);

  // So does the logistic detector (its exp is portable_exp, so the bytes hold everywhere).
  options.detector = detail::event::TrainingOptions::Detector::logistic;
  const auto c = detail::event::train(docs, options);
  CHECK(c.str() == detail::event::train(docs, options).str());
  CHECK(c.str() != a.str());
  const EventModel logistic = EventModel::parse(c.str());
  eo.model = &logistic;
  found = 0;
  for (const auto& d : docs) {
    const auto events = find_events(d.document, eo);
    for (const Event& g : d.events) {
      for (const Event& e : events) found += e.span == g.span;
    }
  }
  CHECK(found * 10 >= gold * 8);
}

TEST_CASE("arbitrary bytes: no crash, spans inside the text", "[event][robust]") {
  std::uint64_t s = 0x2545F4914F6CDD1Dull;
  auto next = [&] {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  };
  const std::string pieces[] = {
      "killed ",     "the ",
      "U.S. ",       "-",
      "--",          "'s ",
      "n't ",        ". ",
      "\n\n",        "Jan. 6 ",
      "\xC3\xA9",    "\xFF",
      "were being ", "to ",
      "by ",         "would ",
      "(",           "\"",
      "protests ",   "write",
      "A",           "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa "};
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const auto n = next() % 60;
    for (std::uint64_t k = 0; k < n; ++k) {
      if (next() % 4 == 0) {
        text += static_cast<char>(next() % 256);
      } else {
        text += pieces[next() % std::size(pieces)];
      }
    }
    const Document doc = Document::parse(text);
    for (const Event& e : find_events(doc)) {
      CHECK(e.span.end <= text.size());
      CHECK(e.span.begin < e.span.end);
      CHECK(e.phrase.begin <= e.span.begin);
      CHECK(e.phrase.end <= text.size());
      CHECK(e.actor.end <= text.size());
      CHECK(e.object.end <= text.size());
    }
  }
}

TEST_CASE("reconstruct uses the event model it is given", "[event][model]") {
  // A model trained on a document whose gold has no events learns to report none: given to
  // reconstruct, it must replace the shipped model (task ABC cross-validation relies on this).
  const std::string text =
      "The army sealed the border on Monday. Rebels attacked the airport and burned two planes.";
  detail::event::TrainingDocument d;
  d.document = Document::parse(text);
  detail::event::TrainingOptions options;
  options.detect_bits = 10;
  options.class_bits = 8;
  options.epochs = 3;
  const EventModel silent = EventModel::parse(detail::event::train({d}, options).str());

  ReconstructOptions ro;
  ro.dct = TimeValue::parse("2022-01-06").value();
  ro.layers.tlink = false;
  const Timeline shipped = reconstruct(text, ro);
  ro.event_model = &silent;
  const Timeline with_silent = reconstruct(text, ro);
  CHECK(shipped.events.size() >= 3);
  CHECK(with_silent.events.size() < shipped.events.size());
}

TEST_CASE("cached scores equal the scores of all features", "[event][model]") {
  // find_events scores a unit's own features and its tag-context groups from per-thread
  // caches, and hashes only the rest: each sum must be the models' score of all features, for
  // the shipped model and for another one used after it.
  using namespace detail::event;
  const Document doc = Document::parse(read(CHRONICLE_SOURCE_DIR "/examples/kazakhstan-upi.txt"));
  TrainingDocument d;
  d.document = Document::parse("Rebels attacked the airport and burned two planes on Monday.");
  TrainingOptions options;
  options.detect_bits = 10;
  options.class_bits = 8;
  options.epochs = 2;
  const EventModelData other = train({d}, options);
  Analysis analysis;
  analysis.build(doc, nullptr, false);
  const std::vector<Unit>& units = analysis.units();
  OwnScoreCache own_scores;
  ClassScoreCache class_scores;
  TagContextCache tag_scores;
  ClassTagContextCache class_tag_scores;
  std::size_t checked = 0;
  for (const EventModelData* model : {&builtin_model(), &other, &builtin_model()}) {
    for (std::size_t s = 0; s < analysis.sentence_count(); ++s) {
      const std::uint32_t begin = analysis.sentence_begin(s), end = analysis.sentence_begin(s + 1);
      for (std::uint32_t i = begin; i < end; ++i) {
        if (!units[i].is_candidate) continue;
        Features f;
        detection_features(units, i, begin, end, f);
        const std::int32_t whole = model->detect.score1(f);
        const OwnKey key = own_key(units[i]);
        const DetectContext context = detect_context(units, i, begin, end);
        f.n = 0;
        word_context_features(key, context, f);
        CHECK(word_context_score(key, context, model->detect) == model->detect.score1(f));
        CHECK(own_scores.score(key, *model) + model->detect.score1(f) +
                  tag_scores.score(key, context, *model) ==
              whole);

        const VerbGroup group = verb_group(units, i, begin);
        std::int32_t all[7], parts[8];
        f.n = 0;
        class_features(units, i, begin, end, group, f);
        model->event_class.score(f, all);
        const ClassKey ckey = class_key(units[i], key);
        f.n = 0;
        word_context_class_features(units, i, begin, end, ckey, f);
        model->event_class.score(f, parts);
        std::int32_t fused[8];
        word_context_class_scores(units, i, begin, end, ckey, model->event_class, fused);
        for (unsigned c = 0; c < 7; ++c) CHECK(fused[c] == parts[c]);
        class_tag_scores.add(key, group, context.tp1, *model, parts);
        const std::int32_t* own = class_scores.scores(ckey, *model);
        for (unsigned c = 0; c < 7; ++c) CHECK(parts[c] + own[c] == all[c]);
        ++checked;
      }
    }
  }
  CHECK(checked > 300);
}
