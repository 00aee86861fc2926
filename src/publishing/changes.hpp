// Changes readers can see, told to whoever keeps copies of what readers
// see (the page cache). Listeners are added at start, before serving.
#pragma once

#include "content/model.hpp"

#include <functional>
#include <vector>

namespace byline::publishing {

class Changes {
 public:
  // A post was saved: as it was (nullptr when new) and as it is now.
  using PostListener = std::function<void(const content::Post* before, const content::Post& after)>;
  // Something every page shows changed: the settings, sections or tags.
  using SiteListener = std::function<void()>;

  void on_post_change(PostListener listener) { post_listeners_.push_back(std::move(listener)); }
  void on_site_change(SiteListener listener) { site_listeners_.push_back(std::move(listener)); }

  void post_changed(const content::Post* before, const content::Post& after) const {
    for (const auto& listener : post_listeners_) listener(before, after);
  }
  void site_changed() const {
    for (const auto& listener : site_listeners_) listener();
  }

 private:
  std::vector<PostListener> post_listeners_;
  std::vector<SiteListener> site_listeners_;
};

}  // namespace byline::publishing
