// chronicle-train-relations: trains the relation stage's pair classifier on TimeML files,
// cross-validates it, and measures the precision of every rule against the gold TLINKs'
// closure. Deterministic: the same files and options give the same model, byte for byte.
//
//   chronicle-train-relations -o src/relation/data/relations.model ../shared/data/tbaq
//   chronicle-train-relations --cv ../shared/data/tbaq/TimeBank ../shared/data/tbaq/AQUAINT
//   chronicle-train-relations --report ../shared/data/tbaq
#include <fmt/format.h>

#include <algorithm>
#include <chronicle/eval.hpp>
#include <chronicle/event_finder.hpp>
#include <chronicle/graph.hpp>
#include <chronicle/io/timeml.hpp>
#include <chronicle/relation_finder.hpp>
#include <chronicle/timeline.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "../event/train.hpp"
#include "../relation/classifier.hpp"
#include "../relation/context.hpp"
#include "../relation/rules.hpp"

namespace {

namespace fs = std::filesystem;
using namespace chronicle;
namespace rel = chronicle::detail::relation;

LinkSelection selection = LinkSelection::timeml;
bool use_classifier = true;

constexpr const char* usage = R"(usage: chronicle-train-relations [options] PATH...

Trains the relation stage's two pair classifiers on the gold TimeML files (.tml) under each
PATH (a file or a folder, searched recursively, in sorted order), with the gold TLINKs' closure
as labels: one for given entities (the gold TIMEX3s and EVENTs: TempEval-3 task C's input),
one for the entities chronicle finds in the raw text (task ABC's; each training document's
events found by an event model trained on the other documents, pairs labelled where both
sides overlap gold entities).

options:
  -o MODEL           write the given-entities model to MODEL
  --found-out MODEL  write the found-entities model to MODEL
  --cv A B           cross-validation: train on A and score B, then train on B and score A
                     (task C with the given-entities model, task ABC from raw text with the
                     found-entities model, its events found by an event model trained on the
                     same side); the held-out precision of each pair type goes into the
                     models written with -o and --found-out
  --folds K          K-fold cross-validation over the documents of PATH (document i in fold
                     i mod K, in sorted order), both corpora mixed; as with --cv, task ABC
                     finds events with a model trained on the training folds only
  --report           score the models (--model and --found-model, default the shipped ones)
                     on PATH (tasks C and ABC) and print the precision of every rule and pair
                     type against the gold closure (the confidences of src/relation/rules.cpp)
  --model MODEL      the given-entities model for --report
  --found-model MODEL  the found-entities model for --report
  --out DIR          with --report or --folds: write the task C system TimeML to DIR/C and
                     task ABC's to DIR/ABC (with --folds, each document as its held-out fold
                     scored it), for `chronicle eval`
  --epochs N         passes over the training data (default 6)
  --bits B           log2 of the models' weight rows (default 16)
  --seed S           shuffling seed (default 1)
  --runs N           train N perceptrons (seeds S, S+1...) and average their weights: less
                     dependence on the shuffle (default 8)
  --selection S      the links scored: timeml (default, what chronicle extract writes as
                     TimeML) or timeline (every rule link)
  --rules-only       score the rules alone (no classifier)
  --no-calibration   give each pair type's links one confidence (its held-out precision)
                     instead of one by score lead (the "calibration" lines of the models)
  --margin M         the given-entities model's minimum score lead of a relation over "none"
                     (default 0)
  --found-margin M   the same for the found-entities model (default: as --margin)
  --found-time-margin M  the found-entities model's margin for pairs of two times (default:
                     as --found-margin)
  --found-untensed-margin M  the found-entities model's margin for event-DCT pairs whose event
                     has no tense (nouns, infinitives, participles; default: as --found-margin)
)";

std::vector<std::string> tml_files(const std::string& path) {
  std::vector<std::string> out;
  if (fs::is_directory(path)) {
    for (const auto& e : fs::recursive_directory_iterator(path)) {
      if (e.is_regular_file() && e.path().extension() == ".tml") out.push_back(e.path().string());
    }
  } else {
    out.push_back(path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Corpus {
  std::vector<std::string> names;
  std::vector<timeml::Document> docs;
};

Corpus load(const std::vector<std::string>& paths) {
  Corpus c;
  for (const auto& p : paths) {
    for (const auto& f : tml_files(p)) {
      c.names.push_back(f);
      c.docs.push_back(timeml::read_file(f));
    }
  }
  return c;
}

GivenAnnotations given_of(const timeml::Document& gold) {
  GivenAnnotations g;
  g.dct = gold.dct;
  g.timexes = gold.timexes;
  g.events = gold.events;
  return g;
}

// The gold TLINKs as a graph, for labels and for judging links.
Graph gold_graph(const timeml::Document& gold) {
  std::vector<Link> links;
  for (const auto& t : gold.tlinks) links.push_back(t.link);
  return Graph::of(links);
}

Relation gold_relation(const Graph& g, std::string_view a, std::string_view b) {
  const auto x = g.find(a), y = g.find(b);
  if (!x || !y || *x == *y) return Relation::vague;
  return g.relation(*x, *y).relation;
}

// A document's candidate pairs as training examples, each labelled with the gold closure's
// relation between the gold entities its two sides stand for: `gold_id` maps an entity's id to
// a gold id, empty for none (which labels the pair "none": a link there cannot be right).
template <class GoldId>
void add_pair_examples(const timeml::Document& gold, const Document& doc,
                       const std::vector<Timex>& timexes, const std::optional<Timex>& dct,
                       const std::vector<Event>& events, GoldId gold_id,
                       std::vector<rel::Example>& out) {
  rel::Context ctx;
  ctx.build(doc, timexes, dct, events);
  std::vector<rel::Proposal> proposals;
  rel::apply_rules(ctx, RelationOptions{}, proposals);
  std::vector<rel::Candidate> cands;
  rel::candidates(ctx, cands);
  const Graph g = gold_graph(gold);
  rel::FeatureMaker maker(ctx, proposals);
  rel::Features f;
  for (const auto& c : cands) {
    const std::string a = gold_id(ctx.id(ctx.items()[c.a]));
    const std::string b = gold_id(c.b == rel::dct_item ? ctx.dct_id() : ctx.id(ctx.items()[c.b]));
    maker.make(c, f);
    rel::Example ex;
    ex.features.assign(f.h, f.h + f.n);
    const Relation r = a.empty() || b.empty() ? Relation::vague : gold_relation(g, a, b);
    ex.label = static_cast<std::uint8_t>(rel::label_of(r));
    ex.type = c.type;
    out.push_back(std::move(ex));
  }
}

// Training examples of one document's gold times and events (task C's input).
void add_examples(const timeml::Document& gold, std::vector<rel::Example>& out) {
  const Document doc = Document::parse(gold.text);
  std::vector<Timex> timexes = gold.timexes;
  for (Timex& x : timexes) {
    if (!x.bounds) x.bounds = x.value.bounds();
  }
  std::optional<Timex> dct = gold.dct;
  if (dct && !dct->bounds) dct->bounds = dct->value.bounds();
  std::vector<Event> events = gold.events;
  for (Event& e : events) e.sentence = doc.sentence_at(e.span.begin);
  add_pair_examples(
      gold, doc, timexes, dct, events, [](std::string_view id) { return std::string(id); }, out);
}

EventModel train_events_on(const Corpus& c);

// The gold id that a system entity stands for: the gold event (its instance) or time whose span
// overlaps it, as chronicle eval pairs them; empty when none does.
std::string gold_event_of(const timeml::Document& gold, const Span& s) {
  for (const Event& e : gold.events) {
    if (e.span.begin < s.end && s.begin < e.span.end) return e.instance_id;
  }
  return {};
}
std::string gold_time_of(const timeml::Document& gold, const Span& s) {
  for (const Timex& x : gold.timexes) {
    if (x.span.begin < s.end && s.begin < x.span.end) return x.id;
  }
  return {};
}

// System id -> the gold id each found time and event stands for ("" for none).
std::unordered_map<std::string, std::string> gold_ids_of(const timeml::Document& gold,
                                                         const Timeline& t) {
  std::unordered_map<std::string, std::string> to_gold;
  for (const Event& e : t.events) to_gold[e.instance_id] = gold_event_of(gold, e.span);
  for (const Timex& x : t.timexes) to_gold[x.id] = gold_time_of(gold, x.span);
  if (t.dct && gold.dct) to_gold[t.dct->id] = gold.dct->id;
  return to_gold;
}

// Training examples from the times and events chronicle finds itself (task ABC's input, found
// with `events`, a model that has not seen this document): candidate pairs labelled by the gold
// closure where both sides stand for gold entities, "none" otherwise (a link there cannot be
// right). They teach the classifier the entities and attributes it will meet on raw text.
void add_system_examples(const timeml::Document& gold, const EventModel& events,
                         std::vector<rel::Example>& out) {
  ReconstructOptions options;
  options.event_model = &events;
  options.layers.tlink = false;
  if (gold.dct) options.dct = gold.dct->value;
  GivenAnnotations given;
  given.dct = gold.dct;
  const Timeline t = reconstruct(gold.text, given, options);
  const auto to_gold = gold_ids_of(gold, t);
  auto gold_id = [&](std::string_view id) -> std::string {
    const auto it = to_gold.find(std::string(id));
    return it == to_gold.end() ? std::string() : it->second;
  };
  add_pair_examples(gold, t.document, t.timexes, t.dct, t.events, gold_id, out);
}

// The weights of `runs` perceptrons trained with seeds seed, seed + 1, ... averaged (rounded
// toward zero): less dependence on the order the examples come in.
// Eight: over five seeds of 5-fold cross-validation, task ABC 34.95 against 34.85 for four.
unsigned runs = 8;
rel::RelationModelData train_averaged(const std::vector<rel::Example>& examples,
                                      const rel::TrainOptions& options) {
  rel::RelationModelData m = rel::train(examples, options);
  if (runs <= 1) return m;
  std::vector<std::int64_t> sum(m.weights.begin(), m.weights.end());
  for (unsigned r = 1; r < runs; ++r) {
    rel::TrainOptions o = options;
    o.seed = options.seed + r;
    const rel::RelationModelData other = rel::train(examples, o);
    for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += other.weights[k];
  }
  for (std::size_t k = 0; k < sum.size(); ++k) {
    m.weights[k] = static_cast<std::int32_t>(sum[k] / static_cast<std::int64_t>(runs));
  }
  m.note_weights();
  return m;
}

// The model for given entities: trained on the gold times and events of `c`.
rel::RelationModelData train_given_on(const Corpus& c, const rel::TrainOptions& options,
                                      std::int64_t margin) {
  std::vector<rel::Example> examples;
  for (const auto& d : c.docs) add_examples(d, examples);
  rel::RelationModelData m = train_averaged(examples, options);
  m.margin.fill(margin);
  return m;
}

// Folds for the found-entity examples: each training document's events are found by an event
// model trained on the other training documents, as a user's text is by the shipped one.
constexpr unsigned found_folds = 5;

// The model for found entities: trained on what chronicle finds in the texts of `c`.
rel::RelationModelData train_found_on(const Corpus& c, const rel::TrainOptions& options,
                                      std::int64_t margin, std::int64_t time_time_margin,
                                      std::optional<std::int64_t> untensed_dct_margin) {
  std::vector<rel::Example> examples;
  for (unsigned k = 0; k < found_folds; ++k) {
    Corpus train;
    for (std::size_t i = 0; i < c.docs.size(); ++i) {
      if (i % found_folds != k) train.docs.push_back(c.docs[i]);
    }
    const EventModel events = train_events_on(train);
    for (std::size_t i = k; i < c.docs.size(); i += found_folds) {
      add_system_examples(c.docs[i], events, examples);
    }
  }
  rel::RelationModelData m = train_averaged(examples, options);
  m.margin.fill(margin);
  m.margin[static_cast<std::size_t>(rel::PairType::time_time)] = time_time_margin;
  m.untensed_dct_margin = untensed_dct_margin;
  return m;
}

// An event model trained on `c` alone, with the shipped model's options: task ABC on held-out
// documents must not find their events with a model that saw them.
EventModel train_events_on(const Corpus& c) {
  std::vector<detail::event::TrainingDocument> docs;
  for (const auto& gold : c.docs) {
    detail::event::TrainingDocument d;
    d.document = Document::parse(gold.text);
    d.timexes = gold.timexes;
    d.events = gold.events;
    docs.push_back(std::move(d));
  }
  return EventModel(std::make_shared<const detail::event::EventModelData>(
      detail::event::train(docs, detail::event::TrainingOptions{})));
}

// The system document for one gold document: task C (gold entities given) or ABC, whose events
// come from `events` (null: the shipped event model).
timeml::Document predict(const timeml::Document& gold, const RelationModel& model, bool task_c,
                         Timeline* out_timeline = nullptr, const EventModel* events = nullptr) {
  ReconstructOptions options;
  options.id = gold.id;
  options.event_model = events;
  if (gold.dct) options.dct = gold.dct->value;
  options.relations.model = &model;
  options.relations.selection = selection;
  options.relations.classifier = use_classifier;
  timeml::Keep keep;
  keep.timexes = keep.events = task_c;
  timeml::Document out = timeml::without_annotations(gold, keep);
  GivenAnnotations given;
  if (task_c)
    given = given_of(gold);
  else
    given.dct = gold.dct;
  Timeline t = reconstruct(gold.text, given, options);
  if (!task_c) {
    for (const Timex& x : t.timexes) out.timexes.push_back(x);
    for (const Event& e : t.events) {
      out.instances.push_back(timeml::instance_of(e));
      out.events.push_back(e);
    }
  }
  std::set<std::string> times;
  if (t.dct) times.insert(t.dct->id);
  for (const Timex& x : t.timexes) times.insert(x.id);
  for (const Link& l : t.links) {
    timeml::TLink tl;
    tl.link = l;
    tl.from_time = times.count(l.from) != 0;
    tl.to_time = times.count(l.to) != 0;
    out.tlinks.push_back(std::move(tl));
  }
  if (out_timeline) *out_timeline = std::move(t);
  return out;
}

// Precision of each provenance against the gold closure: judged links are those whose pair the
// gold closure relates; correct ones are entailed by it.
struct Tally {
  std::size_t links = 0, judged = 0, correct = 0;
  Tally& operator+=(const Tally& o) {
    links += o.links;
    judged += o.judged;
    correct += o.correct;
    return *this;
  }
};

// One held-out classifier link: its pair type, its score lead over the runner-up relation,
// and whether the gold closure relates its pair (judged) and entails it (correct).
struct LeadRecord {
  rel::PairType type = rel::PairType::event_dct;
  std::int64_t lead = 0;
  bool judged = false, correct = false;
};

// The pair type and score lead of each classifier link of `t`, by (from, to) id: the
// classifier run again on the timeline's own entities, as find_links ran it.
std::map<std::pair<std::string, std::string>, std::pair<rel::PairType, std::int64_t>> leads_of(
    const Timeline& t, const RelationModel& model) {
  rel::Context ctx;
  ctx.build(t.document, t.timexes, t.dct, t.events);
  std::vector<rel::Proposal> proposals;
  rel::apply_rules(ctx, RelationOptions{}, proposals);
  std::vector<rel::Classified> found;
  std::vector<std::uint64_t> keys;
  rel::classify(ctx, proposals, model.data(), found, keys);
  std::map<std::pair<std::string, std::string>, std::pair<rel::PairType, std::int64_t>> out;
  for (const rel::Classified& c : found) {
    const std::string a(ctx.id(ctx.items()[c.a]));
    const std::string b(c.b == rel::dct_item ? ctx.dct_id() : ctx.id(ctx.items()[c.b]));
    out[{a, b}] = {c.type, c.lead};
  }
  return out;
}

// Found entities are judged as the gold entities they stand for (see gold_ids_of). With
// `model`, each classifier link's lead and verdict go to `leads`.
void judge(const timeml::Document& gold, const Timeline& t, std::map<std::string, Tally>& out,
           bool found = false, const RelationModel* model = nullptr,
           std::vector<LeadRecord>* leads = nullptr) {
  const Graph g = gold_graph(gold);
  const auto to_gold =
      found ? gold_ids_of(gold, t) : std::unordered_map<std::string, std::string>{};
  const auto lead_of =
      model && leads
          ? leads_of(t, *model)
          : std::map<std::pair<std::string, std::string>, std::pair<rel::PairType, std::int64_t>>{};
  for (const Link& l : t.links) {
    Tally& tally = out[l.provenance];
    ++tally.links;
    LeadRecord record;
    const auto lead = lead_of.find({l.from, l.to});
    const bool classified = lead != lead_of.end() && l.provenance.rfind("model-", 0) == 0;
    if (classified) record = {lead->second.first, lead->second.second, false, false};
    std::string from = l.from, to = l.to;
    bool judged = true;
    if (found) {
      const auto a = to_gold.find(from), b = to_gold.find(to);
      if (a == to_gold.end() || b == to_gold.end() || a->second.empty() || b->second.empty()) {
        judged = false;  // not a gold entity: a link that cannot be judged
      } else {
        from = a->second;
        to = b->second;
      }
    }
    if (judged && gold_relation(g, from, to) != Relation::vague) {
      ++tally.judged;
      const auto x = g.find(from), y = g.find(to);
      record.judged = true;
      record.correct = g.entails(*x, *y, l.relation);
      if (record.correct) ++tally.correct;
    }
    if (classified) leads->push_back(record);
  }
  // The timeline graph's links, kept and dropped: how well it settles contradictions.
  for (std::size_t i = 0; i < t.graph.link_count(); ++i) {
    const LinkView v = t.graph.link(static_cast<LinkId>(i));
    if (!v.relation) continue;
    Tally& tally = out[v.dropped ? "(graph: dropped)" : "(graph: kept)"];
    ++tally.links;
    std::string from(t.graph.node(v.from).id), to(t.graph.node(v.to).id);
    if (found) {
      const auto a = to_gold.find(from), b = to_gold.find(to);
      if (a == to_gold.end() || b == to_gold.end() || a->second.empty() || b->second.empty())
        continue;
      from = a->second;
      to = b->second;
    }
    if (gold_relation(g, from, to) == Relation::vague) continue;
    ++tally.judged;
    const auto x = g.find(from), y = g.find(to);
    if (g.entails(*x, *y, *v.relation)) ++tally.correct;
  }
}

struct Scored {
  eval::Counts c, abc;
  std::map<std::string, Tally> tallies;        // task C's links
  std::map<std::string, Tally> found_tallies;  // task ABC's links
  std::vector<LeadRecord> leads, found_leads;  // their classifier links' leads

  Scored& operator+=(const Scored& o) {
    c += o.c;
    abc += o.abc;
    for (const auto& [k, v] : o.tallies) tallies[k] += v;
    for (const auto& [k, v] : o.found_tallies) found_tallies[k] += v;
    leads.insert(leads.end(), o.leads.begin(), o.leads.end());
    found_leads.insert(found_leads.end(), o.found_leads.begin(), o.found_leads.end());
    return *this;
  }
};

// Task C with the given-entities model, task ABC with the found-entities model (and its events
// found by `events`; null: the shipped event model).
Scored score(const Corpus& corpus, const RelationModel& given_model,
             const RelationModel& found_model, const std::string& out_dir,
             const EventModel* events = nullptr) {
  Scored r;
  for (std::size_t i = 0; i < corpus.docs.size(); ++i) {
    const auto& gold = corpus.docs[i];
    Timeline t;
    const timeml::Document c = predict(gold, given_model, true, &t);
    judge(gold, t, r.tallies, false, &given_model, &r.leads);
    r.c += eval::compare(gold, c);
    Timeline found;
    const timeml::Document abc = predict(gold, found_model, false, &found, events);
    judge(gold, found, r.found_tallies, true, &found_model, &r.found_leads);
    r.abc += eval::compare(gold, abc);
    if (!out_dir.empty()) {
      const std::string name = fs::path(corpus.names[i]).filename().string();
      for (const auto& [sub, doc] :
           {std::pair<const char*, const timeml::Document*>{"C", &c},
            std::pair<const char*, const timeml::Document*>{"ABC", &abc}}) {
        const fs::path dir = fs::path(out_dir) / sub;
        fs::create_directories(dir);
        std::ofstream f(dir / name, std::ios::binary);
        f << timeml::write(*doc);
      }
    }
  }
  return r;
}

void print_scores(const std::string& title, const Scored& r) {
  const auto c = eval::score(r.c).tlink;
  const auto abc = eval::score(r.abc).tlink;
  fmt::print("{}: task C P {:.2f} R {:.2f} F1 {:.2f} | task ABC P {:.2f} R {:.2f} F1 {:.2f}\n",
             title, c.precision, c.recall, c.f1, abc.precision, abc.recall, abc.f1);
}

void print_tallies(const std::map<std::string, Tally>& tallies) {
  fmt::print("{:<28} {:>7} {:>7} {:>7} {:>9}\n", "provenance", "links", "judged", "correct",
             "precision");
  for (const auto& [name, t] : tallies) {
    if (name.rfind("(graph", 0) == 0) continue;  // printed on their own
    fmt::print("{:<28} {:>7} {:>7} {:>7} {:>9.3f}\n", name, t.links, t.judged, t.correct,
               t.judged ? static_cast<double>(t.correct) / static_cast<double>(t.judged) : 0.0);
  }
}

using Confidences = std::array<double, static_cast<std::size_t>(rel::PairType::count)>;
constexpr Confidences default_confidence{0.7, 0.7, 0.5, 0.4, 0.8};

// The held-out precision of each pair type's classifier links (0.4 when fewer than 10 judged).
Confidences held_out_confidence(const std::map<std::string, Tally>& tallies) {
  constexpr std::array<const char*, 5> names{"model-event-dct", "model-event-time",
                                             "model-event-event", "model-adjacent-events",
                                             "model-time-time"};
  Confidences out{};
  for (std::size_t t = 0; t < out.size(); ++t) {
    const auto it = tallies.find(names[t]);
    out[t] = it == tallies.end() || it->second.judged < 10
                 ? 0.4
                 : static_cast<double>(it->second.correct) / static_cast<double>(it->second.judged);
  }
  return out;
}

using Calibration = decltype(rel::RelationModelData::calibration);

// Per pair type, the judged held-out links in up to five bins of equal size by score lead (at
// least 60 links a bin), each bin's precision, made non-decreasing in the lead by pooling
// adjacent bins (a larger lead is not less often right), and rounded as the model file keeps
// it. The first step starts at lead 0. Types with fewer than 120 judged links keep their
// single confidence.
Calibration fit_calibration(const std::vector<LeadRecord>& records) {
  Calibration out;
  for (std::size_t t = 0; t < out.size(); ++t) {
    std::vector<std::pair<std::int64_t, bool>> v;
    for (const LeadRecord& r : records) {
      if (r.judged && static_cast<std::size_t>(r.type) == t) v.emplace_back(r.lead, r.correct);
    }
    std::sort(v.begin(), v.end());
    const std::size_t bins = std::min<std::size_t>(5, v.size() / 60);
    if (bins < 2) continue;
    struct Bin {
      std::int64_t from;
      std::size_t n, correct;
      double precision() const { return static_cast<double>(correct) / static_cast<double>(n); }
    };
    std::vector<Bin> pooled;
    std::size_t begin = 0;
    for (std::size_t k = 1; k <= bins && begin < v.size(); ++k) {
      std::size_t end = k == bins ? v.size() : k * v.size() / bins;
      while (end < v.size() && end > begin && v[end].first == v[end - 1].first) ++end;
      if (end <= begin) continue;
      Bin b{v[begin].first, end - begin, 0};
      for (std::size_t i = begin; i < end; ++i) b.correct += v[i].second ? 1 : 0;
      pooled.push_back(b);
      while (pooled.size() >= 2 &&
             pooled[pooled.size() - 2].precision() > pooled.back().precision()) {
        const Bin last = pooled.back();
        pooled.pop_back();
        pooled.back().n += last.n;
        pooled.back().correct += last.correct;
      }
      begin = end;
    }
    if (pooled.size() < 2) continue;
    for (std::size_t i = 0; i < pooled.size(); ++i) {
      const double p = std::strtod(fmt::format("{:.2f}", pooled[i].precision()).c_str(), nullptr);
      out[t].emplace_back(i == 0 ? 0 : pooled[i].from, p);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string model_out, model_in, found_out, found_in, out_dir;
  std::vector<std::string> paths;
  std::string cv_a, cv_b;
  bool report = false, calibrate = true;
  unsigned folds = 0;
  rel::TrainOptions options;
  std::int64_t margin = 0;
  std::optional<std::int64_t> found_margin_option, found_time_margin_option,
      found_untensed_margin_option;
  try {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      auto value = [&]() -> std::string {
        if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
        return args[++i];
      };
      if (a == "-h" || a == "--help") {
        fmt::print("{}", usage);
        return 0;
      } else if (a == "-o") {
        model_out = value();
      } else if (a == "--cv") {
        cv_a = value();
        cv_b = value();
      } else if (a == "--folds") {
        folds = static_cast<unsigned>(std::stoul(value()));
        if (folds < 2) throw std::invalid_argument("--folds needs K >= 2");
      } else if (a == "--report") {
        report = true;
      } else if (a == "--model") {
        model_in = value();
      } else if (a == "--out") {
        out_dir = value();
      } else if (a == "--epochs") {
        options.epochs = static_cast<unsigned>(std::stoul(value()));
      } else if (a == "--bits") {
        options.bits = static_cast<unsigned>(std::stoul(value()));
        if (options.bits < 4 || options.bits > 24) throw std::invalid_argument("--bits: 4..24");
      } else if (a == "--seed") {
        options.seed = std::stoull(value());
      } else if (a == "--runs") {
        runs = static_cast<unsigned>(std::stoul(value()));
        if (runs < 1 || runs > 64) throw std::invalid_argument("--runs: 1..64");
      } else if (a == "--selection") {
        const std::string v = value();
        if (v == "timeml")
          selection = LinkSelection::timeml;
        else if (v == "timeline")
          selection = LinkSelection::timeline;
        else
          throw std::invalid_argument("--selection is timeml or timeline");
      } else if (a == "--no-calibration") {
        calibrate = false;
      } else if (a == "--rules-only") {
        use_classifier = false;
      } else if (a == "--margin") {
        margin = std::stoll(value());
      } else if (a == "--found-margin") {
        found_margin_option = std::stoll(value());
      } else if (a == "--found-time-margin") {
        found_time_margin_option = std::stoll(value());
      } else if (a == "--found-untensed-margin") {
        found_untensed_margin_option = std::stoll(value());
      } else if (a == "--found-out") {
        found_out = value();
      } else if (a == "--found-model") {
        found_in = value();
      } else if (!a.empty() && a[0] == '-') {
        throw std::invalid_argument("unknown option " + a);
      } else {
        paths.push_back(a);
      }
    }
    if (paths.empty() && cv_a.empty()) throw std::invalid_argument("no PATH given");
  } catch (const std::exception& e) {
    fmt::print(stderr, "chronicle-train-relations: {}\n\n{}", e.what(), usage);
    return 2;
  }
  const std::int64_t found_margin = found_margin_option.value_or(margin);
  const std::int64_t found_time_margin = found_time_margin_option.value_or(found_margin);
  try {
    // Cross-validation: (name, train, test) splits, --cv's two or --folds' K.
    struct Split {
      std::string name;
      Corpus train, test;
    };
    std::vector<Split> splits;
    if (!cv_a.empty()) {
      const Corpus a = load({cv_a}), b = load({cv_b});
      splits.push_back({fmt::format("fold 1: train {} ({} docs), test {} ({} docs)", cv_a,
                                    a.docs.size(), cv_b, b.docs.size()),
                        a, b});
      splits.push_back({fmt::format("fold 2: train {} ({} docs), test {} ({} docs)", cv_b,
                                    b.docs.size(), cv_a, a.docs.size()),
                        b, a});
    }
    if (folds >= 2) {
      const Corpus all = load(paths);
      for (unsigned k = 0; k < folds; ++k) {
        Split split;
        for (std::size_t i = 0; i < all.docs.size(); ++i) {
          Corpus& to = i % folds == k ? split.test : split.train;
          to.names.push_back(all.names[i]);
          to.docs.push_back(all.docs[i]);
        }
        split.name =
            fmt::format("fold {} of {} ({} test docs)", k + 1, folds, split.test.docs.size());
        splits.push_back(std::move(split));
      }
    }
    // The held-out precision of each pair type's links: the confidences written with -o.
    Confidences given_confidence = default_confidence, found_confidence = default_confidence;
    Calibration given_calibration, found_calibration;
    if (!splits.empty()) {
      Scored pooled;
      struct FoldModels {
        rel::RelationModelData given, found;
        EventModel events;
        Scored scored;
      };
      std::vector<FoldModels> fold_models;
      for (const Split& split : splits) {
        FoldModels m{train_given_on(split.train, options, margin),
                     train_found_on(split.train, options, found_margin, found_time_margin,
                                    found_untensed_margin_option),
                     train_events_on(split.train),
                     {}};
        const RelationModel given(std::make_shared<const rel::RelationModelData>(m.given));
        const RelationModel found(std::make_shared<const rel::RelationModelData>(m.found));
        m.scored = score(split.test, given, found, out_dir, &m.events);
        print_scores(split.name, m.scored);
        pooled += m.scored;
        fold_models.push_back(std::move(m));
      }
      print_scores(!cv_a.empty() ? "cross-validated (both folds pooled)"
                                 : fmt::format("{}-fold cross-validated (pooled)", folds),
                   pooled);
      fmt::print("task C (given entities), links by provenance:\n");
      print_tallies(pooled.tallies);
      fmt::print("task ABC (found entities), links by provenance:\n");
      print_tallies(pooled.found_tallies);
      given_confidence = held_out_confidence(pooled.tallies);
      found_confidence = held_out_confidence(pooled.found_tallies);
      if (calibrate) {
        given_calibration = fit_calibration(pooled.leads);
        found_calibration = fit_calibration(pooled.found_leads);
      }
      // How well the timeline graph settles contradictions with the confidences a shipped
      // model would carry: each fold's models get those measured on the other folds, and the
      // graph's kept and dropped links are judged (the scores above do not change).
      Scored graph;
      for (std::size_t k = 0; k < splits.size(); ++k) {
        Scored others;
        for (std::size_t j = 0; j < splits.size(); ++j) {
          if (j != k) others += fold_models[j].scored;
        }
        auto with_confidences = [&](rel::RelationModelData m,
                                    const std::map<std::string, Tally>& tallies,
                                    const std::vector<LeadRecord>& leads) {
          m.confidence = held_out_confidence(tallies);
          if (calibrate) m.calibration = fit_calibration(leads);
          return RelationModel(std::make_shared<const rel::RelationModelData>(std::move(m)));
        };
        const RelationModel given =
            with_confidences(fold_models[k].given, others.tallies, others.leads);
        const RelationModel found =
            with_confidences(fold_models[k].found, others.found_tallies, others.found_leads);
        graph += score(splits[k].test, given, found, "", &fold_models[k].events);
      }
      fmt::print("the timeline graph's links with the other folds' {} (task C, then ABC):\n",
                 calibrate ? "calibrated confidences" : "pair-type confidences");
      for (const auto* tallies : {&graph.tallies, &graph.found_tallies}) {
        for (const auto& [name, t] : *tallies) {
          if (name.rfind("(graph", 0) != 0) continue;
          fmt::print(
              "{:<28} {:>7} {:>7} {:>7} {:>9.3f}\n", name, t.links, t.judged, t.correct,
              t.judged ? static_cast<double>(t.correct) / static_cast<double>(t.judged) : 0.0);
        }
      }
    }
    auto write_model = [&](const std::string& path, rel::RelationModelData m,
                           const Confidences& confidence, const Calibration& calibration,
                           std::size_t docs) {
      if (!splits.empty()) m.confidence = confidence;
      if (!splits.empty()) m.calibration = calibration;
      std::ofstream f(path, std::ios::binary);
      f << m.str();
      if (!f) throw std::runtime_error(path + ": cannot be written");
      fmt::print("wrote {} (trained on {} documents)\n", path, docs);
    };
    if (!model_out.empty() || !found_out.empty()) {
      const Corpus all = load(paths.empty() ? std::vector<std::string>{cv_a, cv_b} : paths);
      if (!model_out.empty()) {
        write_model(model_out, train_given_on(all, options, margin), given_confidence,
                    given_calibration, all.docs.size());
      }
      if (!found_out.empty()) {
        write_model(found_out,
                    train_found_on(all, options, found_margin, found_time_margin,
                                   found_untensed_margin_option),
                    found_confidence, found_calibration, all.docs.size());
      }
    }
    if (report) {
      const Corpus all = load(paths);
      const RelationModel given = model_in.empty() ? RelationModel::builtin(EntitySource::given)
                                                   : RelationModel::read_file(model_in);
      const RelationModel found = found_in.empty() ? RelationModel::builtin(EntitySource::found)
                                                   : RelationModel::read_file(found_in);
      const Scored r = score(all, given, found, out_dir);
      print_scores(fmt::format("{} documents", all.docs.size()), r);
      fmt::print("task C (given entities), links by provenance:\n");
      print_tallies(r.tallies);
      fmt::print("task ABC (found entities), links by provenance:\n");
      print_tallies(r.found_tallies);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "chronicle-train-relations: {}\n", e.what());
    return 1;
  }
  return 0;
}
