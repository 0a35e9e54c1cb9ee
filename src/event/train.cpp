#include "train.hpp"

#include <algorithm>
#include <cmath>

#include "analysis.hpp"
#include "features.hpp"
#include "grammar.hpp"

namespace chronicle::detail::event {

namespace {

// Examples as flat feature lists: example k has features [offset[k], offset[k + 1]).
struct Examples {
  std::vector<std::uint32_t> features;
  std::vector<std::size_t> offset{0};
  std::vector<std::uint8_t> label;  // detection: 1 event, 0 not; class: EventClass value

  void add(const Features& f, std::uint8_t y) {
    features.insert(features.end(), f.h, f.h + f.n);
    offset.push_back(features.size());
    label.push_back(y);
  }
  std::size_t size() const { return label.size(); }
};

// xorshift64*: our own generator, so that shuffles are the same everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed ? seed : 0x9E3779B97F4A7C15ull) {}
  std::uint64_t next() {
    s_ ^= s_ >> 12;
    s_ ^= s_ << 25;
    s_ ^= s_ >> 27;
    return s_ * 2685821657736338717ull;
  }
  // Fisher-Yates with a modulo draw (its tiny bias does not matter here).
  void shuffle(std::vector<std::size_t>& v) {
    for (std::size_t i = v.size(); i > 1; --i) {
      const std::size_t j = static_cast<std::size_t>(next() % i);
      std::swap(v[i - 1], v[j]);
    }
  }

 private:
  std::uint64_t s_;
};

// An averaged perceptron: w the current weights, u the sum of updates weighted by their time,
// so that the average is w - u / c (Daume's trick).
class Averaged {
 public:
  Averaged(unsigned bits, unsigned classes)
      : classes_(classes),
        mask_((1u << bits) - 1u),
        w_((std::size_t{1} << bits) * classes, 0),
        u_(w_.size(), 0) {}

  void score(const std::uint32_t* f, std::size_t n, std::int64_t* out) const {
    for (unsigned c = 0; c < classes_; ++c) out[c] = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t r = std::size_t{f[k] & mask_} * classes_;
      for (unsigned c = 0; c < classes_; ++c) out[c] += w_[r + c];
    }
  }
  void update(const std::uint32_t* f, std::size_t n, unsigned c, std::int64_t delta) {
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t r = std::size_t{f[k] & mask_} * classes_ + c;
      w_[r] += delta;
      u_[r] += delta * time_;
    }
  }
  void tick() { ++time_; }

  // Adds the averaged weights to `sum` (one value per weight).
  void add_average(std::vector<double>& sum) const {
    sum.resize(w_.size(), 0.0);
    for (std::size_t k = 0; k < w_.size(); ++k) {
      sum[k] +=
          static_cast<double>(w_[k]) - static_cast<double>(u_[k]) / static_cast<double>(time_);
    }
  }

 private:
  unsigned classes_;
  std::uint32_t mask_;
  std::vector<std::int64_t> w_, u_;
  std::int64_t time_ = 1;
};

// 1 / (1 + e^-z), through portable_exp: the same bits wherever the trainer runs.
double sigmoid(double z) {
  return 1.0 / (1.0 + portable_exp(-z));
}

// Logistic regression over the detection examples by stochastic gradient descent, for one
// run: the weights (in the perceptron's update units) averaged over snapshots taken every
// `logistic_snapshot` steps, added to `sum`. Returns how many examples of the last epoch it scored
// on the wrong side of 0 before stepping on them. The L2 penalty shrinks all weights at every step:
// kept as one common scale factor, so that a step touches only the example's features.
std::size_t add_logistic_run(const Examples& detect, const TrainingOptions& options, Rng& rng,
                             std::vector<double>& sum) {
  const double rate0 = options.logistic_rate;
  const std::size_t snapshot = std::max(1u, options.logistic_snapshot);
  // By default a logit of 1 is worth 5 perceptron updates (5000 in the model's 16-bit
  // weights): weights stay well inside 16 bits and the model's threshold keeps its units.
  const double units_per_logit = options.logistic_units;
  const double decay = options.logistic_decay < 0 ? rate0 * options.l2 : options.logistic_decay;
  const std::uint32_t mask = (1u << options.detect_bits) - 1u;
  std::vector<double> w(std::size_t{mask} + 1, 0.0), avg(w.size(), 0.0), acc(w.size(), 0.0);
  std::vector<std::size_t> order(detect.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  double scale = 1.0;  // the weights are scale * w
  std::size_t t = 0, snapshots = 0, errors = 0;
  for (unsigned epoch = 0; epoch < options.logistic_epochs; ++epoch) {
    rng.shuffle(order);
    errors = 0;
    for (const std::size_t k : order) {
      const std::uint32_t* x = detect.features.data() + detect.offset[k];
      const std::size_t n = detect.offset[k + 1] - detect.offset[k];
      double z = 0;
      for (std::size_t q = 0; q < n; ++q) z += w[x[q] & mask];
      z *= scale;
      const bool event = detect.label[k] != 0;
      if (event ? z <= 0 : z > 0) ++errors;
      const double p = sigmoid(z);
      const double weight = event ? options.event_weight : 1.0;
      const double rate = rate0 / (1.0 + decay * static_cast<double>(t++));
      scale *= 1.0 - rate * options.l2;
      if (options.logistic_adagrad > 0) {
        // AdaGrad: each weight's step divided by the root of its squared gradients so far
        const double g = ((event ? 1.0 : 0.0) - p) * weight;
        for (std::size_t q = 0; q < n; ++q) {
          const std::size_t f = x[q] & mask;
          acc[f] += g * g;
          w[f] += options.logistic_adagrad * g / std::sqrt(acc[f]) / scale;
        }
      } else {
        const double step = ((event ? 1.0 : 0.0) - p) * rate * weight / scale;
        for (std::size_t q = 0; q < n; ++q) w[x[q] & mask] += step;
      }
      if (scale < 1e-6) {  // fold the scale in before the steps lose precision
        for (double& v : w) v *= scale;
        scale = 1.0;
      }
      if (t % snapshot == 0) {
        for (std::size_t q = 0; q < w.size(); ++q) avg[q] += w[q] * scale;
        ++snapshots;
      }
    }
  }
  sum.resize(w.size(), 0.0);
  if (snapshots == 0) return errors;
  for (std::size_t q = 0; q < w.size(); ++q) {
    sum[q] += avg[q] / static_cast<double>(snapshots) * units_per_logit;
  }
  return errors;
}

// The mean of `runs` averaged weight vectors, scaled by 1000, rounded and kept within 16 bits.
LinearModel finish(const std::vector<double>& sum, unsigned runs, unsigned bits, unsigned classes) {
  LinearModel m(bits, classes);
  for (std::size_t r = 0; r < (std::size_t{1} << bits); ++r) {
    std::int16_t* out = m.weights(static_cast<std::uint32_t>(r));
    for (unsigned c = 0; c < classes; ++c) {
      const double avg = sum[r * classes + c] / static_cast<double>(runs);
      const long long q = std::llround(avg * 1000.0);
      out[c] = static_cast<std::int16_t>(std::clamp(q, -32767ll, 32767ll));
    }
  }
  return m;
}

}  // namespace

double portable_exp(double x) {
  // Cody and Waite's range reduction: x = k ln2 + r with |r| <= ln2 / 2, ln2 split into a
  // high part with 32 significant bits (so that k * ln2_hi is exact for |k| < 2^21) and the
  // rest. Then e^r by its Taylor series to r^13 (the first term left out is below 2^-55 of
  // e^r), and e^x = e^r 2^k: ldexp scales exactly.
  constexpr double log2e = 1.4426950408889634;
  constexpr double ln2_hi = 6.93147180369123816490e-01;  // 0x3FE62E42FEE00000
  constexpr double ln2_lo = 1.90821492927058770002e-10;  // ln2 - ln2_hi
  x = std::clamp(x, -700.0, 700.0);                      // e^x stays a normal double
  const double k = std::floor(x * log2e + 0.5);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  double p = 1.0;  // Horner: 1 + r (1 + r/2 (1 + r/3 (... (1 + r/13))))
  for (int n = 13; n >= 1; --n) p = 1.0 + r * p / n;
  return std::ldexp(p, static_cast<int>(k));
}

EventModelData train(const std::vector<TrainingDocument>& docs, const TrainingOptions& options,
                     TrainingReport* report) {
  TrainingReport r;
  Examples detect, cls;
  Analysis analysis;
  Features f;
  for (const TrainingDocument& d : docs) {
    ++r.documents;
    analysis.build(d.document, &d.timexes, false);
    const auto& units = analysis.units();
    std::vector<const Event*> gold;
    for (const Event& e : d.events) gold.push_back(&e);
    std::sort(gold.begin(), gold.end(), [](const Event* a, const Event* b) {
      return a->span.begin != b->span.begin ? a->span.begin < b->span.begin
                                            : a->span.end < b->span.end;
    });
    r.gold_events += gold.size();
    std::size_t matched = 0, g = 0;
    for (std::size_t s = 0; s < analysis.sentence_count(); ++s) {
      const std::uint32_t begin = analysis.sentence_begin(s), end = analysis.sentence_begin(s + 1);
      for (std::uint32_t i = begin; i < end; ++i) {
        const Unit& u = units[i];
        while (g < gold.size() && gold[g]->span.begin < u.begin) ++g;
        const Event* match = nullptr;
        if (g < gold.size() && gold[g]->span.begin == u.begin && gold[g]->span.end == u.end) {
          match = gold[g];
        }
        if (!candidate(u)) continue;
        // A main verb "have" is an event by rule (find_events): the detector does not learn
        // from it, so the corpora's unevenness there (TimeBank marks it, AQUAINT rarely) stays
        // out of the weights of the words around it.
        if (!main_verb_have(units, i, end)) {
          detection_features(units, i, begin, end, f);
          detect.add(f, match ? 1 : 0);
        }
        if (match) {
          ++matched;
          const VerbGroup group = verb_group(units, i, begin);
          class_features(units, i, begin, end, group, f);
          cls.add(f, static_cast<std::uint8_t>(match->event_class));
        }
      }
    }
    r.unreachable += gold.size() - matched;
  }
  r.candidates = detect.size();

  std::vector<std::size_t> order_d(detect.size()), order_c(cls.size());
  for (std::size_t k = 0; k < order_d.size(); ++k) order_d[k] = k;
  for (std::size_t k = 0; k < order_c.size(); ++k) order_c[k] = k;
  std::int64_t scores[7];
  std::vector<double> det_sum, cl_sum;
  for (unsigned run = 0; run < options.runs; ++run) {
    Rng rng(options.seed + run);
    Averaged det(options.detect_bits, 1), cl(options.class_bits, 7);
    const bool perceptron = options.detector != TrainingOptions::Detector::logistic;
    const bool logistic = options.detector != TrainingOptions::Detector::perceptron;
    for (unsigned epoch = 0; epoch < options.epochs; ++epoch) {
      rng.shuffle(order_d);  // either way: the class model sees the same shuffles
      std::size_t errors = 0;
      if (perceptron) {
        for (const std::size_t k : order_d) {
          const std::uint32_t* x = detect.features.data() + detect.offset[k];
          const std::size_t n = detect.offset[k + 1] - detect.offset[k];
          det.score(x, n, scores);
          const bool gold_event = detect.label[k] != 0;
          // Uneven margins (Li et al.'s PAUM): an event counts as a mistake until its score
          // exceeds margin_event, a non-event until its score is at most -margin_other.
          if (gold_event ? scores[0] <= options.margin_event : scores[0] > -options.margin_other) {
            det.update(x, n, 0, gold_event ? 1 : -1);
            ++errors;
          }
          det.tick();
        }
      }
      r.detect_errors_last_epoch = errors;
      rng.shuffle(order_c);
      errors = 0;
      for (const std::size_t k : order_c) {
        const std::uint32_t* x = cls.features.data() + cls.offset[k];
        const std::size_t n = cls.offset[k + 1] - cls.offset[k];
        cl.score(x, n, scores);
        unsigned best = 0;
        for (unsigned c = 1; c < 7; ++c) {
          if (scores[c] > scores[best]) best = c;
        }
        const unsigned y = cls.label[k];
        if (best != y) {
          cl.update(x, n, y, 1);
          cl.update(x, n, best, -1);
          ++errors;
        }
        cl.tick();
      }
      r.class_errors_last_epoch = errors;
    }
    if (perceptron) det.add_average(det_sum);
    if (logistic) {
      Rng logistic_rng(options.seed + run);
      r.detect_errors_last_epoch = add_logistic_run(detect, options, logistic_rng, det_sum);
    }
    cl.add_average(cl_sum);
  }
  EventModelData m;
  m.detect = finish(det_sum, options.runs, options.detect_bits, 1);
  m.event_class = finish(cl_sum, options.runs, options.class_bits, 7);
  m.threshold = options.threshold;
  if (report) *report = r;
  return m;
}

}  // namespace chronicle::detail::event
