// Training the event models: averaged perceptrons over the features of features.hpp, with a
// fixed seed and our own shuffling, so that the same corpus gives the same model file, byte
// for byte. src/tools/train_events.cpp is the command-line front end.
#pragma once

#include <cstdint>
#include <vector>

#include "chronicle/document.hpp"
#include "chronicle/event.hpp"
#include "chronicle/timex.hpp"
#include "model.hpp"

namespace chronicle::detail::event {

struct TrainingDocument {
  Document document;
  std::vector<Timex> timexes;  // gold temporal expressions: no event inside them
  std::vector<Event> events;   // gold events (span and class are read)
};

struct TrainingOptions {
  unsigned detect_bits = 17;
  unsigned class_bits = 15;
  unsigned epochs = 3;  // more passes fit the training corpus closer and transfer worse
  std::uint64_t seed = 1;
  unsigned runs = 4;  // perceptrons trained with seeds seed, seed + 1...; their weights averaged
  std::int64_t threshold = 0;  // stored in the model; detection score must exceed it
  // The detector's training margins, in update units (uneven margins, as Li et al.'s PAUM):
  // an event is updated while its score is at most margin_event, a non-event while its score
  // is above -margin_other; (0, 0) is the plain perceptron. The uneven pair (5, 2) raised
  // strict F1 by 0.2 to 0.6 in both cross-corpus folds, over three seeds (README, "Events").
  std::int64_t margin_event = 5;
  std::int64_t margin_other = 2;
  // The detector's learner. `logistic`: logistic regression by stochastic gradient descent
  // with an L2 penalty, events weighted `event_weight` times, weights averaged over the run
  // (session 20: +0.27 strict F1 AQUAINT -> TimeBank, 81.87 against 81.60 over seeds 1-41,
  // TimeBank -> AQUAINT unchanged; session 21's tuning of the settings below reached 81.98 at
  // best, so the perceptron stays the default). Its arithmetic is IEEE double with no library call
  // whose last bit may differ (portable_exp instead of std::exp) and, in src/CMakeLists.txt, no
  // fused multiply-add contraction, so it gives the same model file on every platform with
  // IEEE doubles evaluated at double precision (not x87's extended precision). l2 must stay
  // below 1. The class model is the perceptron either way.
  // `both`: the sum of the two detectors' averaged weights.
  enum class Detector : std::uint8_t { perceptron, logistic, both };
  Detector detector = Detector::perceptron;
  double l2 = 3e-5;
  double event_weight = 2.0;
  unsigned logistic_epochs = 8;
  double logistic_rate = 0.1;        // the first step's, falling as 1 / (1 + decay t)
  unsigned logistic_snapshot = 500;  // steps between the weight snapshots averaged
  // Above 0: AdaGrad steps of this size instead (the L2 shrinking keeps the scheduled rate).
  double logistic_adagrad = 0;
  double logistic_decay = -1;   // below 0: logistic_rate * l2
  double logistic_units = 5.0;  // model weight units (perceptron updates) per logit
};

struct TrainingReport {
  std::size_t documents = 0;
  std::size_t gold_events = 0;
  std::size_t unreachable = 0;  // gold events no candidate unit matches exactly
  std::size_t candidates = 0;   // detection examples
  std::size_t detect_errors_last_epoch = 0;
  std::size_t class_errors_last_epoch = 0;
};

// e^x from IEEE basic operations (+, -, *, /, floor and exact scaling by powers of two) only,
// for the logistic detector: a C library's exp may round its last bit differently from
// another's (glibc, musl, MSVC, Apple), and one differing bit in the SGD can change a weight
// of the model file. Within 2 ulp of e^x; x is clamped to [-700, 700].
double portable_exp(double x);

EventModelData train(const std::vector<TrainingDocument>& docs, const TrainingOptions& options,
                     TrainingReport* report = nullptr);

}  // namespace chronicle::detail::event
