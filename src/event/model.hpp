// Linear models over hashed features: the event detector (one score: event or not) and the
// class model (one score per TimeML class). Weights are 16-bit integers (averaged perceptron
// weights times 1000) in flat arrays indexed by the low bits of a feature's hash, small enough
// to stay in cache; a model file stores the non-zero ones as text:
//
//   chronicle-event-model 1
//   model detect bits 19 classes 1
//   <index delta> <weight>...     one line per non-zero row, indices ascending
//   end
//   model class bits 17 classes 7
//   ...
//   end
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::detail::event {

// Eight 32-bit lanes: the class model's seven scores and a spare lane, added in one step.
typedef std::int32_t I32x8 __attribute__((vector_size(32)));

// Hashed features of one example (indices before masking).
struct Features {
  static constexpr unsigned capacity = 64;
  std::uint32_t h[capacity];
  unsigned n = 0;
  void add(std::uint32_t x) {
    if (n < capacity) h[n++] = x;
  }
};

class LinearModel {
 public:
  LinearModel() = default;
  LinearModel(unsigned bits, unsigned classes);

  unsigned bits() const { return bits_; }
  unsigned classes() const { return classes_; }
  bool empty() const { return weights_.empty(); }

  std::uint32_t row(std::uint32_t hash) const { return hash & mask_; }
  std::int16_t* weights(std::uint32_t row) { return &weights_[std::size_t{row} * classes_]; }
  const std::int16_t* weights(std::uint32_t row) const {
    return &weights_[std::size_t{row} * classes_];
  }

  // Sum of the weights of f's features, per class, into out[0..classes). 64 features of
  // 16-bit weights cannot overflow 32 bits.
  void score(const Features& f, std::int32_t* out) const {
    if (classes_ == 7) {  // the class model: eight lanes at once (the eighth is ignored)
      typedef std::int16_t I16x8 __attribute__((vector_size(16)));
      I32x8 sum = {};
      for (unsigned k = 0; k < f.n; ++k) {
        I16x8 w;
        std::memcpy(&w, weights(row(f.h[k])), sizeof w);  // the table has a lane to spare
        sum += __builtin_convertvector(w, I32x8);
      }
      for (unsigned c = 0; c < 7; ++c) out[c] = sum[c];
      return;
    }
    for (unsigned c = 0; c < classes_; ++c) out[c] = 0;
    for (unsigned k = 0; k < f.n; ++k) {
      const std::int16_t* w = weights(row(f.h[k]));
      for (unsigned c = 0; c < classes_; ++c) out[c] += w[c];
    }
  }
  // The weight of a one-class model's feature with hash `hash` (a row is one weight: no
  // multiply by the class count).
  std::int16_t weight1(std::uint32_t hash) const { return weights_[row(hash)]; }
  std::int32_t score1(const Features& f) const {
    std::int32_t s = 0;
    for (unsigned k = 0; k < f.n; ++k) s += weights_[row(f.h[k])];
    return s;
  }

  void write(std::string& out, std::string_view name) const;
  // Parses one "model NAME ..." block at `text` (advancing it and the line count `line`);
  // throws std::runtime_error.
  static LinearModel read(std::string_view& text, std::string_view name, std::size_t& line);

 private:
  unsigned bits_ = 0, classes_ = 0;
  std::uint32_t mask_ = 0;
  std::vector<std::int16_t> weights_;
};

// A number no other model made in this process has (from 1): what per-thread caches of
// scores are keyed on, as an address may be reused by a later model.
std::uint64_t new_model_serial();

// The shipped model or one read from a file: a detector and a class model.
struct EventModelData {
  LinearModel detect;
  LinearModel event_class;
  std::int64_t threshold = 0;  // a unit is an event when the detector scores above it
  // A copy keeps it: change no weights of a model after find_events has used it.
  std::uint64_t serial = new_model_serial();

  std::string str() const;
  static EventModelData parse(std::string_view text);  // throws std::runtime_error
};

// The model compiled into the library (src/event/data/events.model), parsed on first use.
const EventModelData& builtin_model();

}  // namespace chronicle::detail::event
