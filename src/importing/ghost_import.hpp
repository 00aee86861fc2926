// `byline import ghost`: a Ghost site's export (Settings → Labs → Export,
// a .json file) moved into Byline: staff, tags, posts and pages with their
// authors in order, the primary tag as the section, featured images,
// search-engine fields, status and dates, Ghost's ids kept so a run again
// updates. Ghost's addresses (/slug/, /tag/x/, /author/x/) are Byline's
// too; a slug that had to change leaves a redirect.
#pragma once

#include "common/result.hpp"
#include "importing/import_report.hpp"

#include <filesystem>
#include <string>

namespace byline::store {
class Store;
}
namespace byline::publishing {
class Workflow;
}

namespace byline::importing {

inline constexpr std::uintmax_t kMaxGhostExportBytes = 1024ull * 1024 * 1024;

struct GhostImportOptions {
  std::filesystem::path file;
  // The old site's address ("https://old.example"): Ghost writes its own
  // as "__GHOST_URL__" in exports, and images stay there.
  std::string url;
  bool dry_run = false;
  std::size_t batch_size = 500;
};

Result<ImportSummary> import_ghost(store::Store& store, publishing::Workflow& workflow,
                                   const GhostImportOptions& options, ImportProgress* progress);

}  // namespace byline::importing
