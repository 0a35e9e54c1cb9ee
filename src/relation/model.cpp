// RelationModel: a shipped pair classifier (src/relation/data/relations-found.model for the
// entities chronicle finds, relations.model for given ones) or a file.
#include "../model_file.hpp"
#include "chronicle/relation_finder.hpp"
#include "classifier.hpp"

namespace chronicle::detail {
extern const EmbeddedFile relation_data_files[];
extern const std::size_t relation_data_file_count;
}  // namespace chronicle::detail

namespace chronicle {

RelationModel::RelationModel(std::shared_ptr<const detail::relation::RelationModelData> data)
    : data_(std::move(data)) {}

const RelationModel& RelationModel::builtin(EntitySource source) {
  auto embedded = [](std::string_view name) {
    return parse(
        detail::embedded_text(detail::relation_data_files, detail::relation_data_file_count, name));
  };
  if (source == EntitySource::given) {
    static const RelationModel given = embedded("relations.model");
    return given;
  }
  static const RelationModel found = embedded("relations-found.model");
  return found;
}

RelationModel RelationModel::parse(std::string_view text) {
  return RelationModel(std::make_shared<const detail::relation::RelationModelData>(
      detail::relation::RelationModelData::parse(text)));
}

RelationModel RelationModel::read_file(const std::string& path) {
  return detail::parse_model_file(path, [](std::string_view text) { return parse(text); });
}

std::string RelationModel::str() const {
  return data_->str();
}

}  // namespace chronicle
