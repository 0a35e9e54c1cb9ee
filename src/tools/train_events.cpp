// chronicle-train-events: trains the event stage's models on TimeML files and writes a model
// file (the shipped one is src/event/data/events.model). Deterministic: the same files and
// options give the same model, byte for byte.
//
//   chronicle-train-events -o events.model ../shared/data/tbaq/TimeBank ../shared/data/tbaq/AQUAINT
//   chronicle-train-events -o /tmp/tb.model --eval ../shared/data/tbaq/AQUAINT
//   ../shared/data/tbaq/TimeBank
#include <fmt/format.h>
#include <chronicle/eval.hpp>
#include <chronicle/event_finder.hpp>
#include <chronicle/io/timeml.hpp>
#include <chronicle/timex_finder.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "../event/model.hpp"
#include "../event/train.hpp"

namespace {

namespace fs = std::filesystem;
using namespace chronicle;

constexpr const char* usage = R"(usage: chronicle-train-events [options] -o MODEL PATH...

Trains the event detector and class model on the TimeML files (.tml) under each PATH (a file
or a folder, searched recursively, in sorted order) and writes MODEL.

options:
  -o MODEL            the model file to write
  --epochs N          passes over the training data (default 3)
  --seed S            shuffling seed (default 1)
  --runs N            train N perceptrons (seeds S, S+1...) and average their weights: less
                      dependence on the shuffle (default 4)
  --detect-bits B     log2 of the detector's weight rows (default 17)
  --class-bits B      log2 of the class model's weight rows (default 15)
  --threshold T       detection score threshold stored in the model (default 0)
  --margin-event M    train the detector until events score above M (default 5)
  --margin-other M    ... and non-events at most -M (default 2); 0 and 0 make it a plain
                      perceptron
  --detector D        the detector's learner: perceptron (default), logistic (logistic
                      regression, SGD with an L2 penalty, weights averaged) or both (the sum
                      of the two's weights)
  --l2 X              logistic: the L2 penalty, below 1 (default 3e-5)
  --event-weight X    logistic: an event example counts X times (default 2)
  --logistic-epochs N logistic: passes over the detection examples (default 8)
  --logistic-rate X   logistic: the first step's learning rate (default 0.1)
  --logistic-snapshot N  logistic: steps between the weight snapshots averaged (default 500)
  --logistic-decay D  logistic: the learning rate falls as 1 / (1 + D t) with the step t
                      (default the rate times l2)
  --logistic-adagrad X  logistic: AdaGrad steps of size X instead of the rate's schedule
  --logistic-units X  logistic: model weight units (perceptron updates) per logit (default 5);
                      with --detector both, the logistic model's share
  --eval PATH         after training, find events in PATH's files with the new model (and the
                      timex stage for the temporal expressions) and print chronicle eval's
                      event scores
  --errors FILE       with --eval: write the differences (missed, spurious, wrong class,
                      tense or aspect), one a line with their sentence, to FILE
  --out DIR           with --eval: write the system TimeML (timexes and events, as chronicle
                      extract writes them) to DIR, for `chronicle eval PATH DIR`
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

std::int64_t number(const std::string& s, const char* what) {
  try {
    std::size_t used = 0;
    const long long v = std::stoll(s, &used);
    if (used != s.size()) throw std::invalid_argument(s);
    return v;
  } catch (const std::exception&) {
    throw std::invalid_argument(fmt::format("{} needs a number, not '{}'", what, s));
  }
}

// A non-negative real number.
double real(const std::string& s, const char* what) {
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used != s.size() || !(v >= 0)) throw std::invalid_argument(s);
    return v;
  } catch (const std::exception&) {
    throw std::invalid_argument(fmt::format("{} needs a non-negative number, not '{}'", what, s));
  }
}

std::string one_line(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  return out;
}

// Writes what differs between the gold and the system events of one document.
void write_errors(std::ostream& out, const std::string& file, const Document& doc,
                  const timeml::Document& gold, const timeml::Document& sys) {
  auto line = [&](std::string_view kind, const Event& e, std::string_view detail) {
    const auto& sent = doc.sentences()[doc.sentence_at(e.span.begin)];
    std::string context(doc.text(sent.span));
    const std::size_t at = e.span.begin - sent.span.begin;
    context.insert(at + e.span.size(), "]]");
    context.insert(at, "[[");
    out << kind << '\t' << fs::path(file).filename().string() << '\t' << doc.text(e.span) << '\t'
        << detail << '\t' << one_line(context) << '\n';
  };
  auto tense_of = [](const timeml::Document& d, const Event& e) {
    for (const auto& i : d.instances) {
      if (i.event_id == e.id) return std::pair{i.tense, i.aspect};
    }
    return std::pair{Tense::none, Aspect::none};
  };
  for (const Event& g : gold.events) {
    const Event* match = nullptr;
    for (const Event& e : sys.events) {
      if (e.span.begin == g.span.begin && e.span.end == g.span.end) match = &e;
    }
    if (!match) {
      std::string_view pos = "?";
      for (const auto& i : gold.instances) {
        if (i.event_id == g.id) pos = to_string(i.pos);
      }
      line("MISS", g, fmt::format("{} {}", to_string(g.event_class), pos));
      continue;
    }
    if (match->event_class != g.event_class) {
      line("CLASS", g,
           fmt::format("{}->{}", to_string(g.event_class), to_string(match->event_class)));
    }
    const auto [gt, ga] = tense_of(gold, g);
    if (gt != match->tense) {
      line("TENSE", g,
           fmt::format("{}->{} {}", to_string(gt), to_string(match->tense), to_string(match->pos)));
    }
    if (ga != match->aspect) {
      line("ASPECT", g, fmt::format("{}->{}", to_string(ga), to_string(match->aspect)));
    }
  }
  for (const Event& e : sys.events) {
    bool found = false;
    for (const Event& g : gold.events)
      found = found || (e.span.begin == g.span.begin && e.span.end == g.span.end);
    if (!found)
      line("SPURIOUS", e, fmt::format("{} {}", to_string(e.event_class), to_string(e.pos)));
  }
}

// Runs the timex and event stages on each file's text and scores the events against it.
void evaluate(const std::string& path, const EventModel& model, std::ostream* errors,
              const std::string& out_dir) {
  eval::Counts total;
  for (const auto& file : tml_files(path)) {
    const timeml::Document gold = timeml::read_file(file);
    timeml::Document sys = timeml::without_annotations(gold);
    const Document doc = Document::parse(gold.text);
    TimexOptions topt;
    if (gold.dct) topt.dct = gold.dct->value;
    const std::vector<Timex> timexes = find_timexes(doc, topt).timexes;
    EventOptions eopt;
    eopt.timexes = &timexes;
    eopt.model = &model;
    for (Event& e : find_events(doc, eopt)) {
      sys.instances.push_back(timeml::instance_of(e));
      sys.events.push_back(std::move(e));
    }
    total += eval::compare(gold, sys);
    if (errors) write_errors(*errors, file, doc, gold, sys);
    if (!out_dir.empty()) {
      // What `chronicle extract --layers timex,event` writes, with this model's events.
      const std::string dct_id = gold.dct ? gold.dct->id : "t0";
      for (Timex x : timexes) {
        if (x.anchor_id == "t0") x.anchor_id = dct_id;
        sys.timexes.push_back(std::move(x));
      }
      const fs::path target = fs::path(out_dir) / fs::path(file).filename();
      std::ofstream out(target, std::ios::binary | std::ios::trunc);
      out << timeml::write(sys);
      if (!out) throw std::runtime_error(target.string() + ": cannot be written");
    }
  }
  const eval::Scores s = eval::score(total);
  fmt::print("{}: {} documents, events gold {} system {}\n", path, total.documents,
             total.event.gold, total.event.system);
  fmt::print("  strict  P {:.2f} R {:.2f} F1 {:.2f}\n", s.event.strict.precision,
             s.event.strict.recall, s.event.strict.f1);
  fmt::print("  relaxed P {:.2f} R {:.2f} F1 {:.2f}\n", s.event.relaxed.precision,
             s.event.relaxed.recall, s.event.relaxed.f1);
  fmt::print("  class {:.2f}  tense {:.2f}  aspect {:.2f}\n", s.event.class_accuracy,
             s.event.tense_accuracy, s.event.aspect_accuracy);
}

int run(int argc, char** argv) {
  detail::event::TrainingOptions options;
  using Detector = detail::event::TrainingOptions::Detector;
  std::string out, eval_path, errors_path, out_dir;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      fmt::print("{}", usage);
      return 0;
    } else if (a == "-o") {
      out = value();
    } else if (a == "--epochs") {
      options.epochs =
          static_cast<unsigned>(std::clamp<std::int64_t>(number(value(), "--epochs"), 1, 1000));
    } else if (a == "--runs") {
      options.runs =
          static_cast<unsigned>(std::clamp<std::int64_t>(number(value(), "--runs"), 1, 100));
    } else if (a == "--seed") {
      options.seed = static_cast<std::uint64_t>(number(value(), "--seed"));
    } else if (a == "--detect-bits") {
      options.detect_bits =
          static_cast<unsigned>(std::clamp<std::int64_t>(number(value(), "--detect-bits"), 8, 24));
    } else if (a == "--class-bits") {
      options.class_bits =
          static_cast<unsigned>(std::clamp<std::int64_t>(number(value(), "--class-bits"), 8, 24));
    } else if (a == "--threshold") {
      options.threshold = number(value(), "--threshold");
    } else if (a == "--margin-event") {
      options.margin_event = number(value(), "--margin-event");
    } else if (a == "--margin-other") {
      options.margin_other = number(value(), "--margin-other");
    } else if (a == "--detector") {
      const std::string d = value();
      if (d != "perceptron" && d != "logistic" && d != "both") {
        throw std::invalid_argument("--detector is perceptron, logistic or both, not '" + d + "'");
      }
      options.detector = d == "logistic" ? Detector::logistic
                         : d == "both"   ? Detector::both
                                         : Detector::perceptron;
    } else if (a == "--l2") {
      options.l2 = real(value(), "--l2");
      if (options.l2 >= 1) throw std::invalid_argument("--l2 must be below 1");
    } else if (a == "--event-weight") {
      options.event_weight = real(value(), "--event-weight");
    } else if (a == "--logistic-epochs") {
      options.logistic_epochs = static_cast<unsigned>(
          std::clamp<std::int64_t>(number(value(), "--logistic-epochs"), 1, 1000));
    } else if (a == "--logistic-rate") {
      options.logistic_rate = real(value(), "--logistic-rate");
    } else if (a == "--logistic-snapshot") {
      options.logistic_snapshot = static_cast<unsigned>(
          std::clamp<std::int64_t>(number(value(), "--logistic-snapshot"), 1, 1000000000));
    } else if (a == "--logistic-adagrad") {
      options.logistic_adagrad = real(value(), "--logistic-adagrad");
    } else if (a == "--logistic-decay") {
      options.logistic_decay = real(value(), "--logistic-decay");
    } else if (a == "--logistic-units") {
      options.logistic_units = real(value(), "--logistic-units");
    } else if (a == "--out") {
      out_dir = value();
    } else if (a == "--errors") {
      errors_path = value();
    } else if (a == "--eval") {
      eval_path = value();
    } else if (!a.empty() && a[0] == '-') {
      throw std::invalid_argument("unknown option " + a);
    } else {
      inputs.push_back(a);
    }
  }
  if (out.empty() || inputs.empty()) throw std::invalid_argument("need -o MODEL and a PATH");

  std::vector<detail::event::TrainingDocument> docs;
  for (const auto& input : inputs) {
    for (const auto& file : tml_files(input)) {
      timeml::Document t = timeml::read_file(file);
      detail::event::TrainingDocument d;
      d.document = Document::parse(t.text);
      d.timexes = std::move(t.timexes);
      d.events = std::move(t.events);
      docs.push_back(std::move(d));
    }
  }
  detail::event::TrainingReport report;
  const detail::event::EventModelData data = detail::event::train(docs, options, &report);
  fmt::print(stderr,
             "trained on {} documents: {} gold events ({} without a matching word), {} "
             "candidates; last epoch errors: detect {}, class {}\n",
             report.documents, report.gold_events, report.unreachable, report.candidates,
             report.detect_errors_last_epoch, report.class_errors_last_epoch);
  const std::string text = data.str();
  {
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file) throw std::runtime_error(out + ": cannot be written");
  }
  if (!eval_path.empty()) {
    std::ofstream errors;
    if (!errors_path.empty()) {
      errors.open(errors_path, std::ios::binary | std::ios::trunc);
      if (!errors) throw std::runtime_error(errors_path + ": cannot be written");
    }
    if (!out_dir.empty()) fs::create_directories(out_dir);
    evaluate(eval_path, EventModel::parse(text), errors_path.empty() ? nullptr : &errors, out_dir);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "chronicle-train-events: {}\n\n{}", e.what(), usage);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "chronicle-train-events: {}\n", e.what());
    return 1;
  }
}
