// Per-thread caches of a model's scores of a unit's own features (features.hpp's OwnKey and
// ClassKey): news repeats its words, and a word with the same tag, shape and hints scores the
// same under one model. Exact: an entry answers only for an equal key and the same model.
#pragma once

#include <cstdint>
#include <memory>

#include "features.hpp"
#include "model.hpp"

namespace chronicle::detail::event {

// N scores per key in `size` direct-mapped slots (a power of two); `compute(key, out)` fills
// out[0..N) on a miss.
template <typename KeyT, unsigned N, std::size_t size>
class ScoreCache {
 public:
  template <typename Compute>
  const std::int32_t* get(const KeyT& key, std::uint64_t model_serial, Compute compute) {
    if (!entries_) entries_ = std::make_unique<Entry[]>(size);
    const std::uint64_t mix = (own(key).rest ^ own(key).word) * 0x9E3779B97F4A7C15ull;
    Entry& e = entries_[(mix >> 32) & (size - 1)];
    if (e.model != model_serial || !(e.key == key)) {
      e.key = key;
      e.model = model_serial;
      compute(key, e.scores);
    }
    return e.scores;
  }

 private:
  static const OwnKey& own(const OwnKey& k) { return k; }
  static const OwnKey& own(const ClassKey& k) { return k.own; }
  struct Entry {
    KeyT key;
    std::uint64_t model = 0;  // EventModelData::serial; 0: empty
    std::int32_t scores[N] = {};
  };
  static_assert((size & (size - 1)) == 0);
  std::unique_ptr<Entry[]> entries_;
};

// The detector's score of a unit's own features.
class OwnScoreCache {
 public:
  std::int32_t score(const OwnKey& key, const EventModelData& model) {
    return *cache_.get(key, model.serial, [&](const OwnKey& k, std::int32_t* out) {
      Features f;
      own_detection_features(k, f);
      *out = model.detect.score1(f);
    });
  }

 private:
  // Asked for every candidate. Over the bench corpus's first 2 MB (about 2,600 distinct keys)
  // 4096 slots missed 9,126 times, 8192 slots 4,774 times, 16384 slots 2,636 times; a miss
  // (own_detection_features and its score) costs about 480 instructions. 40-byte entries:
  // 640 KB a thread.
  ScoreCache<OwnKey, 1, 16384> cache_;
};

// The class model's seven scores of a unit's own features, and a spare lane of 0 (eight lanes
// are added at once).
class ClassScoreCache {
 public:
  const std::int32_t* scores(const ClassKey& key, const EventModelData& model) {
    return cache_.get(key, model.serial, [&](const ClassKey& k, std::int32_t* out) {
      Features f;
      own_class_features(k, f);
      model.event_class.score(f, out);
      out[7] = 0;
    });
  }

 private:
  ScoreCache<ClassKey, 8, 4096> cache_;  // asked only for events: 1,174 misses over 2 MB
};

}  // namespace chronicle::detail::event
