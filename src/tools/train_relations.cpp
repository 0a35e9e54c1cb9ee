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
#include <set>
#include <stdexcept>
#include <string>
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

Trains the relation stage's pair classifier on the gold TimeML files (.tml) under each PATH
(a file or a folder, searched recursively, in sorted order), given the gold TIMEX3s and EVENTs
(TempEval-3 task C's input), with the gold TLINKs' closure as labels.

options:
  -o MODEL         write the trained model to MODEL
  --cv A B         cross-validation: train on A and score B, then train on B and score A
                   (task C with the gold entities, and task ABC from raw text, its events
                   found by an event model trained on the same side); the held-out
                   precision of each pair type goes into the model written with -o
  --folds K        K-fold cross-validation over the documents of PATH (document i in fold
                   i mod K, in sorted order), both corpora mixed; as with --cv, task ABC
                   finds events with a model trained on the training folds only
  --report         score the model (--model, default the shipped one) on PATH (tasks C and
                   ABC) and print the precision of every rule and pair type against the gold
                   closure (the confidences of src/relation/rules.cpp)
  --model MODEL    the model for --report
  --out DIR        with --report or --folds: write the task C system TimeML to DIR/C and
                   task ABC's to DIR/ABC (with --folds, each document as its held-out fold
                   scored it), for `chronicle eval`
  --epochs N       passes over the training data (default 10)
  --bits B         log2 of the model's weight rows (default 16)
  --seed S         shuffling seed (default 1)
  --selection S    the links scored: timeml (default, what chronicle extract writes as
                   TimeML) or timeline (every rule link)
  --rules-only     score the rules alone (no classifier)
  --margin M       minimum score lead of a relation over "none" (default 0)
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

// Training examples of one document: its candidate pairs with the gold closure's relation.
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
    const std::string_view a = ctx.id(ctx.items()[c.a]);
    const std::string_view b = c.b == rel::dct_item ? ctx.dct_id() : ctx.id(ctx.items()[c.b]);
    maker.make(c, f);
    rel::Example ex;
    ex.features.assign(f.h, f.h + f.n);
    ex.label = static_cast<std::uint8_t>(rel::label_of(gold_relation(g, a, b)));
    ex.type = c.type;
    out.push_back(std::move(ex));
  }
}

rel::RelationModelData train_on(const Corpus& c, const rel::TrainOptions& options,
                                std::int64_t margin) {
  std::vector<rel::Example> examples;
  for (const auto& d : c.docs) add_examples(d, examples);
  rel::RelationModelData m = rel::train(examples, options);
  m.margin.fill(margin);
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
};

void judge(const timeml::Document& gold, const Timeline& t, std::map<std::string, Tally>& out) {
  const Graph g = gold_graph(gold);
  for (const Link& l : t.links) {
    Tally& tally = out[l.provenance];
    ++tally.links;
    if (gold_relation(g, l.from, l.to) == Relation::vague) continue;
    ++tally.judged;
    const auto x = g.find(l.from), y = g.find(l.to);
    if (g.entails(*x, *y, l.relation)) ++tally.correct;
    if (std::getenv("REL_CONFUSION") && l.provenance == std::getenv("REL_CONFUSION")) {
      fmt::print(stderr, "confusion {} -> {}\n", to_string(gold_relation(g, l.from, l.to)),
                 to_string(l.relation));
    }
  }
}

struct Scored {
  eval::Counts c, abc;
  std::map<std::string, Tally> tallies;
};

Scored score(const Corpus& corpus, const RelationModel& model, const std::string& out_dir,
             const EventModel* events = nullptr) {
  Scored r;
  for (std::size_t i = 0; i < corpus.docs.size(); ++i) {
    const auto& gold = corpus.docs[i];
    Timeline t;
    const timeml::Document c = predict(gold, model, true, &t);
    judge(gold, t, r.tallies);
    r.c += eval::compare(gold, c);
    const timeml::Document abc = predict(gold, model, false, nullptr, events);
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
    fmt::print("{:<28} {:>7} {:>7} {:>7} {:>9.3f}\n", name, t.links, t.judged, t.correct,
               t.judged ? static_cast<double>(t.correct) / static_cast<double>(t.judged) : 0.0);
  }
}

double precision_of(const std::map<std::string, Tally>& tallies, std::string_view name) {
  const auto it = tallies.find(std::string(name));
  if (it == tallies.end() || it->second.judged < 10) return 0.4;
  return static_cast<double>(it->second.correct) / static_cast<double>(it->second.judged);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string model_out, model_in, out_dir;
  std::vector<std::string> paths;
  std::string cv_a, cv_b;
  bool report = false;
  unsigned folds = 0;
  rel::TrainOptions options;
  std::int64_t margin = 0;
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
      } else if (a == "--selection") {
        const std::string v = value();
        if (v == "timeml")
          selection = LinkSelection::timeml;
        else if (v == "timeline")
          selection = LinkSelection::timeline;
        else
          throw std::invalid_argument("--selection is timeml or timeline");
      } else if (a == "--rules-only") {
        use_classifier = false;
      } else if (a == "--margin") {
        margin = std::stoll(value());
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
  try {
    std::array<double, static_cast<std::size_t>(rel::PairType::count)> held_out{0.7, 0.7, 0.5, 0.4,
                                                                                0.8};
    bool have_held_out = false;
    if (!cv_a.empty()) {
      const Corpus a = load({cv_a}), b = load({cv_b});
      std::map<std::string, Tally> pooled;
      eval::Counts c, abc;
      for (int fold = 0; fold < 2; ++fold) {
        const Corpus& train = fold == 0 ? a : b;
        const Corpus& test = fold == 0 ? b : a;
        const RelationModel model(
            std::make_shared<const rel::RelationModelData>(train_on(train, options, margin)));
        const EventModel events = train_events_on(train);
        const Scored r = score(test, model, "", &events);
        print_scores(fmt::format("fold {}: train {} ({} docs), test {} ({} docs)", fold + 1,
                                 fold == 0 ? cv_a : cv_b, train.docs.size(),
                                 fold == 0 ? cv_b : cv_a, test.docs.size()),
                     r);
        for (const auto& [k, v] : r.tallies) {
          pooled[k].links += v.links;
          pooled[k].judged += v.judged;
          pooled[k].correct += v.correct;
        }
        c += r.c;
        abc += r.abc;
      }
      Scored both;
      both.c = c;
      both.abc = abc;
      print_scores("cross-validated (both folds pooled)", both);
      print_tallies(pooled);
      for (std::size_t t = 0; t < held_out.size(); ++t) {
        held_out[t] = precision_of(
            pooled, fmt::format("model-{}",
                                std::array<const char*, 5>{"event-dct", "event-time", "event-event",
                                                           "adjacent-events", "time-time"}[t]));
      }
      have_held_out = true;
    }
    if (folds >= 2) {
      const Corpus all = load(paths);
      std::map<std::string, Tally> pooled;
      Scored both;
      for (unsigned k = 0; k < folds; ++k) {
        Corpus train, test;
        for (std::size_t i = 0; i < all.docs.size(); ++i) {
          Corpus& to = i % folds == k ? test : train;
          to.names.push_back(all.names[i]);
          to.docs.push_back(all.docs[i]);
        }
        const RelationModel model(
            std::make_shared<const rel::RelationModelData>(train_on(train, options, margin)));
        const EventModel events = train_events_on(train);
        const Scored r = score(test, model, out_dir, &events);
        print_scores(fmt::format("fold {} of {} ({} test docs)", k + 1, folds, test.docs.size()), r);
        for (const auto& [name, v] : r.tallies) {
          pooled[name].links += v.links;
          pooled[name].judged += v.judged;
          pooled[name].correct += v.correct;
        }
        both.c += r.c;
        both.abc += r.abc;
      }
      print_scores(fmt::format("{}-fold cross-validated (pooled)", folds), both);
      print_tallies(pooled);
      for (std::size_t t = 0; t < held_out.size(); ++t) {
        held_out[t] = precision_of(
            pooled, fmt::format("model-{}", std::array<const char*, 5>{
                                                "event-dct", "event-time", "event-event",
                                                "adjacent-events", "time-time"}[t]));
      }
      have_held_out = true;
    }
    if (!model_out.empty()) {
      const Corpus all = load(paths.empty() ? std::vector<std::string>{cv_a, cv_b} : paths);
      rel::RelationModelData m = train_on(all, options, margin);
      if (have_held_out) m.confidence = held_out;
      std::ofstream f(model_out, std::ios::binary);
      f << m.str();
      if (!f) throw std::runtime_error(model_out + ": cannot be written");
      fmt::print("wrote {} (trained on {} documents)\n", model_out, all.docs.size());
    }
    if (report) {
      const Corpus all = load(paths);
      const RelationModel model =
          model_in.empty() ? RelationModel::builtin() : RelationModel::read_file(model_in);
      const Scored r = score(all, model, out_dir);
      print_scores(fmt::format("{} documents", all.docs.size()), r);
      print_tallies(r.tallies);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "chronicle-train-relations: {}\n", e.what());
    return 1;
  }
  return 0;
}
