// The Ghost Content API: published posts, pages, authors, tags and the
// site's settings, read-only, for anyone with a content key. Mounted at
// /ghost/api/content/ and at the versioned prefixes older clients use
// (/ghost/api/v2|v3|v4|canary/content/). Answers go through the page
// cache like pages, with the same exact invalidation; each cached answer
// still asks for a valid key first.
#pragma once

#include <memory>

namespace byline::http {
class Router;
}
namespace byline::store {
class Store;
}
namespace byline::site {
class SettingsSource;
}

namespace byline::api {

class ContentApi {
 public:
  ContentApi(std::shared_ptr<store::Store> store,
             std::shared_ptr<const site::SettingsSource> settings);
  ~ContentApi();

  void add_routes(http::Router& router) const;

 private:
  struct Handlers;
  std::shared_ptr<const Handlers> handlers_;
};

}  // namespace byline::api
