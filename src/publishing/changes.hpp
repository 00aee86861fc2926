// Changes readers can see, told to whoever keeps copies of what readers
// see (the page cache), and the webhook events they raised, told to the
// webhooks' dispatcher. Listeners are added at start, before serving; all
// are told after the write has committed.
#pragma once

#include "content/model.hpp"

#include <functional>
#include <string_view>
#include <vector>

namespace byline::publishing {

class Changes {
 public:
  // A post was saved: as it was (nullptr when new) and as it is now.
  using PostListener = std::function<void(const content::Post* before, const content::Post& after)>;
  // Something every page shows changed: the settings, sections or tags.
  using SiteListener = std::function<void()>;
  // A write raised webhook `event` (content/post_events.hpp) about the post
  // as it was (nullptr when new) and as it is (nullptr when deleted).
  using EventListener = std::function<void(std::string_view event, const content::Post* before,
                                           const content::Post* after)>;

  void on_post_change(PostListener listener) { post_listeners_.push_back(std::move(listener)); }
  void on_site_change(SiteListener listener) { site_listeners_.push_back(std::move(listener)); }
  void on_post_event(EventListener listener) { event_listeners_.push_back(std::move(listener)); }

  void post_changed(const content::Post* before, const content::Post& after) const {
    for (const auto& listener : post_listeners_) listener(before, after);
  }
  void site_changed() const {
    for (const auto& listener : site_listeners_) listener();
  }
  void post_event(std::string_view event, const content::Post* before,
                  const content::Post* after) const {
    for (const auto& listener : event_listeners_) listener(event, before, after);
  }

 private:
  std::vector<PostListener> post_listeners_;
  std::vector<SiteListener> site_listeners_;
  std::vector<EventListener> event_listeners_;
};

}  // namespace byline::publishing
