// The import summary, written out.
#include "importing/import_report.hpp"

#include "publishing/workflow.hpp"

namespace byline::importing {
namespace {

std::string counted(const ImportCounts& counts) {
  std::string line = std::to_string(counts.total());
  if (counts.total() == 0) return line;
  line += " (" + std::to_string(counts.created) + " new, " + std::to_string(counts.updated) +
          " updated, " + std::to_string(counts.unchanged) + " unchanged)";
  return line;
}

constexpr std::size_t kMaxListed = 200;

}  // namespace

void count_batch(ImportSummary& summary, const std::vector<publishing::ImportOutcome>& outcomes,
                 const std::vector<bool>& pages, const std::vector<std::string>& labels) {
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const auto& outcome = outcomes[i];
    ImportCounts& counts = pages[i] ? summary.pages : summary.posts;
    switch (outcome.result) {
      case publishing::ImportResult::created:
        ++counts.created;
        break;
      case publishing::ImportResult::updated:
        ++counts.updated;
        break;
      case publishing::ImportResult::unchanged:
        ++counts.unchanged;
        break;
      case publishing::ImportResult::skipped:
        summary.skipped.push_back(labels[i] + ": " + outcome.note);
        continue;
    }
    summary.redirects += outcome.redirects;
    if (!outcome.note.empty()) summary.notes.push_back(labels[i] + ": " + outcome.note);
  }
}

std::vector<std::string> summary_lines(const ImportSummary& summary) {
  std::vector<std::string> lines;
  lines.push_back(summary.dry_run ? "Dry run: nothing was written. The import would bring:"
                                  : "Imported:");
  lines.push_back("  authors    " + std::to_string(summary.authors));
  lines.push_back("  sections   " + std::to_string(summary.sections));
  lines.push_back("  tags       " + std::to_string(summary.tags));
  lines.push_back("  posts      " + counted(summary.posts));
  lines.push_back("  pages      " + counted(summary.pages));
  lines.push_back("  media      " + std::to_string(summary.media_imported));
  lines.push_back("  redirects  " + std::to_string(summary.redirects) +
                  " old addresses lead to their new pages");
  if (summary.images_left > 0) {
    lines.push_back(
        std::to_string(summary.images_left) +
        " images stay at their old addresses (import with --uploads DIR to bring them over), as:");
    for (const auto& example : summary.images_left_examples) lines.push_back("  " + example);
  }
  if (!summary.unknown_shortcodes.empty()) {
    std::string names;
    for (const auto& [name, count] : summary.unknown_shortcodes) {
      names += (names.empty() ? "" : ", ") + ("[" + name + "] ×" + std::to_string(count));
    }
    lines.push_back("Shortcodes Byline does not know, kept as text: " + names);
  }
  if (!summary.skipped.empty() || !summary.skipped_kinds.empty()) {
    lines.push_back("Left out:");
    for (const auto& [kind, count] : summary.skipped_kinds)
      lines.push_back("  " + std::to_string(count) + " " + kind);
    for (std::size_t i = 0; i < summary.skipped.size() && i < kMaxListed; ++i)
      lines.push_back("  " + summary.skipped[i]);
    if (summary.skipped.size() > kMaxListed) {
      lines.push_back("  … and " + std::to_string(summary.skipped.size() - kMaxListed) + " more");
    }
  }
  if (!summary.notes.empty()) {
    lines.push_back("Changed on the way in:");
    for (std::size_t i = 0; i < summary.notes.size() && i < kMaxListed; ++i)
      lines.push_back("  " + summary.notes[i]);
    if (summary.notes.size() > kMaxListed) {
      lines.push_back("  … and " + std::to_string(summary.notes.size() - kMaxListed) + " more");
    }
  }
  return lines;
}

}  // namespace byline::importing
