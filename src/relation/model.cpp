// RelationModel: the shipped pair classifier (src/relation/data/relations.model) or a file.
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "../embedded_data.hpp"
#include "chronicle/relation_finder.hpp"
#include "classifier.hpp"

namespace chronicle::detail {
extern const EmbeddedFile relation_data_files[];
extern const std::size_t relation_data_file_count;
}  // namespace chronicle::detail

namespace chronicle {

RelationModel::RelationModel(std::shared_ptr<const detail::relation::RelationModelData> data)
    : data_(std::move(data)) {}

const RelationModel& RelationModel::builtin() {
  static const RelationModel model = [] {
    for (std::size_t i = 0; i < detail::relation_data_file_count; ++i) {
      if (detail::relation_data_files[i].name == "relations.model") {
        return parse(detail::relation_data_files[i].text);
      }
    }
    throw std::logic_error("chronicle: the relation model is not embedded");
  }();
  return model;
}

RelationModel RelationModel::parse(std::string_view text) {
  return RelationModel(std::make_shared<const detail::relation::RelationModelData>(
      detail::relation::RelationModelData::parse(text)));
}

RelationModel RelationModel::read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  try {
    return parse(text);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

std::string RelationModel::str() const {
  return data_->str();
}

}  // namespace chronicle
