// Generated WordPress exports of any size, shaped like a news site's:
// authors, a category tree, many tags, and posts with bodies of real
// length (classic and block editor alike). For import tests and the
// import benchmark.
#pragma once

#include <ostream>
#include <string>

namespace byline::testing {

struct WxrShape {
  int posts = 1000;
  int categories = 20;  // a tree: every fourth has a parent
  int tags = 2000;
  int authors = 50;
  int tags_per_post = 4;
  int paragraphs = 8;  // per body, about 60 words each
  std::string site = "https://old.example";
};

// Writes the export, post ids 1000 and up, to `out`.
void write_wxr(std::ostream& out, const WxrShape& shape);

}  // namespace byline::testing
