// The Ghost Admin API: what writing apps and scripts use to publish. An
// admin key signs short-lived tokens (api/admin_token.hpp); with one, a
// client browses and reads posts and pages of every status, adds, edits
// and deletes them, uploads images, and reads tags, staff and the site.
// The key acts as an integration with an editor's powers, through the same
// Workflow as the newsroom: sanitising, the status flow, revisions, and an
// audit line naming the key. Mounted at /ghost/api/admin/ and at the
// versioned prefixes older clients use. Nothing here is cached.
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
namespace byline::publishing {
class Workflow;
}
namespace byline::media {
class MediaLibrary;
}

namespace byline::api {

class AdminApi {
 public:
  AdminApi(std::shared_ptr<store::Store> store,
           std::shared_ptr<const site::SettingsSource> settings,
           std::shared_ptr<publishing::Workflow> workflow,
           std::shared_ptr<media::MediaLibrary> media);
  ~AdminApi();

  void add_routes(http::Router& router) const;

 private:
  struct Handlers;
  std::shared_ptr<const Handlers> handlers_;
};

}  // namespace byline::api
