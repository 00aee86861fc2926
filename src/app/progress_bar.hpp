// How far long work is, on standard error: a bar redrawn in place on a
// terminal (bytes, items, rate, time left), a line every few seconds
// otherwise (a log keeps every one).
#pragma once

#include "importing/import_report.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace byline::app {

class ProgressBar final : public importing::ImportProgress {
 public:
  // `terminal`: redraw one line; otherwise print a line every few seconds.
  explicit ProgressBar(bool terminal) : terminal_(terminal) {}

  void begin(std::string_view phase, std::uint64_t total, bool counts_items = false) override;
  void advance(std::uint64_t done, std::uint64_t items_done) override;
  void end() override;

  // The line as drawn, for `elapsed` into the phase (tests read it).
  std::string line(std::chrono::steady_clock::duration elapsed) const;

 private:
  bool terminal_;
  std::string phase_;
  bool counts_items_ = false;
  std::uint64_t total_ = 0;
  std::uint64_t bytes_ = 0;
  std::uint64_t items_ = 0;
  std::chrono::steady_clock::time_point started_{};
  std::chrono::steady_clock::time_point drawn_{};
};

}  // namespace byline::app
