// What an import tells the person running it: how far it is, and at the
// end what it brought, changed and left out. Shared by every importer.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace byline::publishing {
struct ImportOutcome;
}

namespace byline::importing {

// Told as an import goes; the command line draws a progress bar of it.
class ImportProgress {
 public:
  virtual ~ImportProgress() = default;
  // A phase begins ("Reading", "Importing"): `total` bytes of the file to
  // go through, or (`counts_items`) that many items.
  virtual void begin(std::string_view phase, std::uint64_t total, bool counts_items = false) = 0;
  virtual void advance(std::uint64_t done, std::uint64_t items_done) = 0;
  virtual void end() = 0;
};

struct ImportCounts {
  long created = 0;
  long updated = 0;
  long unchanged = 0;
  long total() const { return created + updated + unchanged; }
};

struct ImportSummary {
  bool dry_run = false;
  long authors = 0;
  long sections = 0;
  long tags = 0;
  ImportCounts posts;
  ImportCounts pages;
  long media_imported = 0;  // taken in from --uploads (or there from an earlier run)
  long images_left = 0;     // images left at their old addresses
  std::vector<std::string> images_left_examples;  // the first few of them
  long redirects = 0;                             // old addresses that lead somewhere now
  // Items left out for what they are, by kind: "navigation menu items" → 12.
  std::map<std::string, long> skipped_kinds;
  // Items left out for a problem of their own, one line each.
  std::vector<std::string> skipped;
  // Things changed on the way in (a slug taken, a field cut), one line each.
  std::vector<std::string> notes;
  std::map<std::string, long> unknown_shortcodes;  // kept as text
};

// Adds what became of one batch to `summary`: `pages[i]` says whether item
// i is a page, `labels[i]` names it in a skip or change line.
void count_batch(ImportSummary& summary, const std::vector<publishing::ImportOutcome>& outcomes,
                 const std::vector<bool>& pages, const std::vector<std::string>& labels);

// The summary as lines for a terminal or a log.
std::vector<std::string> summary_lines(const ImportSummary& summary);

}  // namespace byline::importing
