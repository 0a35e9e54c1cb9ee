// A per-thread cache of the detector's score of a unit's own features (features.hpp's
// OwnKey): news repeats its words, and a word with the same tag, shape and hints scores the
// same under one model. Exact: an entry answers only for an equal key and the same model.
#pragma once

#include <cstdint>
#include <memory>

#include "features.hpp"
#include "model.hpp"

namespace chronicle::detail::event {

class OwnScoreCache {
 public:
  std::int32_t score(const OwnKey& key, const EventModelData& model) {
    if (!entries_) entries_ = std::make_unique<Entry[]>(size);
    const std::uint64_t mix = (key.rest ^ key.word) * 0x9E3779B97F4A7C15ull;
    Entry& e = entries_[(mix >> 32) & (size - 1)];
    if (e.model != model.serial || !(e.key == key)) {
      Features f;
      own_detection_features(key, f);
      e.key = key;
      e.model = model.serial;
      e.score = model.detect.score1(f);
    }
    return e.score;
  }

 private:
  struct Entry {
    OwnKey key;
    std::uint64_t model = 0;  // EventModelData::serial; 0: empty
    std::int32_t score = 0;
  };
  static constexpr std::size_t size = 4096;
  std::unique_ptr<Entry[]> entries_;
};

}  // namespace chronicle::detail::event
