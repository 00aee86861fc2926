// `byline import wordpress`: a WordPress site (its WXR export, and a copy
// of wp-content/uploads when there is one) moved into Byline, every old
// link kept. Two passes over the file: the first reads it whole (so a
// malformed or hostile file is refused before anything is written) and
// takes in people, sections, tags and images; the second brings the posts
// and pages in batches, each batch one transaction. Running it again
// updates what changed and finishes what an interrupted run left.
#pragma once

#include "common/result.hpp"
#include "importing/import_report.hpp"

#include <filesystem>
#include <optional>

namespace byline::store {
class Store;
}
namespace byline::publishing {
class Workflow;
}
namespace byline::media {
class MediaLibrary;
}

namespace byline::importing {

struct WordPressImportOptions {
  std::filesystem::path file;
  std::optional<std::filesystem::path> uploads;  // a copy of wp-content/uploads
  bool dry_run = false;                          // check everything, write nothing
  // A batch is written in one transaction when it holds this many posts,
  // or sooner when their bodies reach batch_bytes: two batches are in
  // memory at once, so the budget keeps an archive of long stories from
  // taking more memory than one of short ones.
  std::size_t batch_size = 1000;
  std::size_t batch_bytes = 8 * 1024 * 1024;
};

// `progress` may be nullptr. Fails, having written nothing, when the file
// cannot be read as a WordPress export; a store failure stops it where it
// is (a run again goes on from there).
Result<ImportSummary> import_wordpress(store::Store& store, publishing::Workflow& workflow,
                                       media::MediaLibrary& media,
                                       const WordPressImportOptions& options,
                                       ImportProgress* progress);

}  // namespace byline::importing
