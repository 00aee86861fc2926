// The progress bar of imports.
#include "app/progress_bar.hpp"

#include <cstdio>

namespace byline::app {
namespace {

constexpr int kBarWidth = 24;
constexpr auto kTerminalEvery = std::chrono::milliseconds(100);
constexpr auto kLogEvery = std::chrono::seconds(5);

// "12.3/481.0 MB", or in KB for a file under a megabyte.
std::string amount(std::uint64_t done, std::uint64_t total) {
  char text[64];
  if (total < 1024 * 1024) {
    std::snprintf(text, sizeof text, "%.0f/%.0f KB", static_cast<double>(done) / 1024.0,
                  static_cast<double>(total) / 1024.0);
  } else {
    std::snprintf(text, sizeof text, "%.1f/%.1f MB", static_cast<double>(done) / (1024.0 * 1024.0),
                  static_cast<double>(total) / (1024.0 * 1024.0));
  }
  return text;
}

std::string clock(long seconds) {
  char text[32];
  if (seconds >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60,
                  seconds % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", seconds / 60, seconds % 60);
  }
  return text;
}

}  // namespace

void ProgressBar::begin(std::string_view phase, std::uint64_t total, bool counts_items) {
  phase_ = std::string(phase);
  counts_items_ = counts_items;
  total_ = total;
  bytes_ = 0;
  items_ = 0;
  started_ = drawn_ = std::chrono::steady_clock::now();
}

void ProgressBar::advance(std::uint64_t done, std::uint64_t items_done) {
  bytes_ = done;
  items_ = items_done;
  const auto now = std::chrono::steady_clock::now();
  if (now - drawn_ < (terminal_ ? kTerminalEvery : std::chrono::steady_clock::duration(kLogEvery)))
    return;
  drawn_ = now;
  if (terminal_) {
    std::fprintf(stderr, "\r%s\x1b[K", line(now - started_).c_str());
  } else {
    std::fprintf(stderr, "%s\n", line(now - started_).c_str());
  }
  std::fflush(stderr);
}

void ProgressBar::end() {
  const auto elapsed = std::chrono::steady_clock::now() - started_;
  bytes_ = total_;
  if (counts_items_) items_ = total_;
  std::fprintf(stderr, terminal_ ? "\r%s\x1b[K\n" : "%s\n", line(elapsed).c_str());
  std::fflush(stderr);
}

std::string ProgressBar::line(std::chrono::steady_clock::duration elapsed) const {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const double fraction =
      total_ > 0 ? std::min(1.0, static_cast<double>(bytes_) / static_cast<double>(total_)) : 1.0;
  const int filled = static_cast<int>(fraction * kBarWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kBarWidth, '-');
  char percent[8];
  std::snprintf(percent, sizeof percent, "%3d%%", static_cast<int>(fraction * 100));
  std::string text = phase_;
  text.resize(std::max<std::size_t>(text.size(), 10), ' ');
  text += "[" + bar + "] " + percent + "  ";
  text += counts_items_ ? std::to_string(items_) + "/" + std::to_string(total_) + " items"
                        : amount(bytes_, total_) + "  " + std::to_string(items_) + " items";
  if (seconds >= 0.5) {
    text += "  " + std::to_string(static_cast<long>(static_cast<double>(items_) / seconds)) + "/s";
    if (fraction > 0 && fraction < 1) {
      text += "  " + clock(static_cast<long>(seconds / fraction - seconds)) + " left";
    } else {
      text += "  " + clock(static_cast<long>(seconds));
    }
  }
  return text;
}

}  // namespace byline::app
