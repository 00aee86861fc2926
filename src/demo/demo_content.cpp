// The demo site's people, sections, tags and articles.
#include "demo/demo_content.hpp"

#include "common/embedded_file.hpp"
#include "content/post_rules.hpp"
#include "content/slug.hpp"
#include "media/media_library.hpp"
#include "site/settings.hpp"
#include "store/store.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <span>
#include <vector>

namespace byline::demo {

// The photographs in src/demo/images, compiled in (CMakeLists.txt).
std::span<const EmbeddedFile> demo_image_files();

using namespace std::chrono_literals;
using content::Post;

namespace {

struct SeedPost {
  std::string_view title;
  std::string_view first_sentence;
  std::chrono::seconds age;
  int section;     // index into kSections
  int tag;         // index into kTags
  int image = -1;  // index into kImages, or none
};

// The featured images, uploaded as an editor would upload them. The
// photographers are credited as their licence asks (images/LICENSE.txt).
struct DemoImage {
  std::string_view file;  // in src/demo/images
  std::string_view alt;
  std::string_view caption;
};
constexpr std::array<DemoImage, 6> kImages{{
    {"boats-at-dusk.webp", "Wooden rowing boats drawn up on a lake shore under a sunset sky",
     "Photo: Ian Hex, from KDE's Plasma wallpapers (LGPL-3.0)"},
    {"lake-at-night.webp", "A still lake in blue twilight, a line of trees on the far shore",
     "Photo: Risto Saukonpää, from KDE's Plasma wallpapers (LGPL-3.0)"},
    {"pier-in-fog.webp", "An empty wooden pier running out into fog",
     "Photo: Risto Saukonpää, from KDE's Plasma wallpapers (LGPL-3.0)"},
    {"facade.webp", "The curving white panels of a modern building's front, in black and white",
     "Photo: Sigi Sagi, from KDE's Plasma wallpapers (LGPL-3.0)"},
    {"reeds-at-dawn.webp", "Reeds at the edge of a calm lake under a pink and violet dawn",
     "Photo: Risto Saukonpää, from KDE's Plasma wallpapers (LGPL-3.0)"},
    {"paper-cups.webp", "Rows of blue and red paper cups seen from above",
     "Photo: Dmitri Popov, from KDE's Plasma wallpapers (LGPL-3.0)"},
}};
constexpr int kLeadImage = 0;
// The lead image as the Persian translation describes it.
// clang-format off
constexpr DemoImage kLeadImagePersian{
    "boats-at-dusk.webp", "قایق‌های پارویی چوبی در ساحل دریاچه، زیر آسمان غروب",
    "عکس: Ian Hex، از کاغذدیواری‌های پلاسمای KDE (LGPL-3.0)"};
// clang-format on

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kSections{{
    {"Politics", "Government, parliament and the people in power."},
    {"World", "Diplomacy and foreign affairs."},
    {"Economy", "Oil, trade, markets and money."},
    {"Society", "Media, culture and everyday life."},
}};

// The Persian edition's sections, after the English ones: its front page
// is at /fa/.
// clang-format off
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kPersianSections{{
    {"سیاست", "دولت، مجلس و صاحبان قدرت."},
    {"جهان", "دیپلماسی و سیاست خارجی."},
    {"اقتصاد", "نفت، تجارت، بازار و پول."},
}};
constexpr std::array<std::string_view, 4> kPersianTags{"روسیه", "هسته‌ای", "غزه", "انرژی"};
constexpr std::string_view kPersianEdition =
    "fa | روزنامه‌ی بایلاین | سیاست خارجی، سیاست و اقتصاد، همان لحظه که رخ می‌دهد.";
// clang-format on

constexpr std::array<std::string_view, 8> kTags{"Iran", "Russia", "Diplomacy", "Nuclear",
                                                "Gaza", "Energy", "Media",     "Judiciary"};

// The lead article: its headline and four paragraphs, as on the seed page,
// with a standfirst.
constexpr std::string_view kLeadTitle = "President Putin: Russia, Iran having strategic ties";
constexpr std::string_view kLeadStandfirst =
    "Meeting Ali Akbar Velayati in Moscow, the Russian president calls for cooperation between "
    "the two countries to grow in every field.";
constexpr std::string_view kLeadBody =
    "<p>Head of Strategic Research Center of the Expediency Council Ali Akbar Velayati met with "
    "Russian President Vladimir Putin in Moscow on Wednesday and discussed the latest conditions "
    "of bilateral and regional ties.</p>\n"
    "<p>‘It is necessary that cooperation to be expanded in all areas and all capacities to be "
    "used to this end,’ President Putin said while voicing his pleasure in the expansion of "
    "strategic ties between the two countries during his meeting.</p>\n"
    "<p>The Russian president underlined that Moscow and Tehran are having strategic "
    "relations.</p>\n"
    "<p>Velayati, for his part voiced his pleasure in meeting the Russia president, and said, "
    "‘The Islamic Republic of Iran and Russia are stepping towards adopting strategic ties.’</p>";

// Its Persian translation, as the seed site's Persian edition carries it.
// (clang-format counts Persian in bytes and would break these lines anew on
// every run, hence the markers.)
// clang-format off
constexpr std::string_view kLeadTitlePersian = "پوتین: روسیه و ایران روابط راهبردی دارند";
constexpr std::string_view kLeadSlugPersian = "putin-rusiye-va-iran-ravabet-rahbordi";
constexpr std::string_view kLeadStandfirstPersian =
    "رئیس‌جمهور روسیه در دیدار با علی‌اکبر ولایتی در مسکو "
    "خواستار گسترش همکاری دو کشور در همه‌ی زمینه‌ها شد.";
constexpr std::string_view kLeadBodyPersian =
    "<p>علی‌اکبر ولایتی، رئیس مرکز تحقیقات استراتژیک مجمع تشخیص مصلحت نظام، "
    "روز چهارشنبه در مسکو با ولادیمیر پوتین، رئیس‌جمهور روسیه، دیدار و "
    "درباره‌ی آخرین وضعیت روابط دوجانبه و منطقه‌ای گفت‌وگو کرد.</p>\n"
    "<p>پوتین در این دیدار با ابراز خرسندی از گسترش روابط راهبردی دو کشور "
    "گفت: «لازم است همکاری‌ها در همه‌ی زمینه‌ها گسترش یابد و همه‌ی ظرفیت‌ها "
    "برای این هدف به کار گرفته شود.»</p>\n"
    "<p>رئیس‌جمهور روسیه تأکید کرد که مسکو و تهران روابطی راهبردی دارند.</p>\n"
    "<p>ولایتی نیز با ابراز خرسندی از دیدار با رئیس‌جمهور روسیه گفت: "
    "«جمهوری اسلامی ایران و روسیه به سوی روابط راهبردی گام برمی‌دارند.»</p>";
// The About page's translation, at the foot of every Persian page.
constexpr std::string_view kAboutTitlePersian = "درباره‌ی ما";
constexpr std::string_view kAboutSlugPersian = "darbare-ye-ma";
constexpr std::string_view kAboutBodyPersian =
    "<p>روزنامه‌ی بایلاین سایت نمایشی بایلاین است، سامانه‌ای برای انتشار خبر. "
    "مطلب اصلی و مطالب تازه‌ی آن از یک صفحه‌ی خبری واقعی آمده‌اند و مطالب "
    "قدیمی‌تر ساخته شده‌اند.</p>";
// clang-format on

// Persian translations of three of the Recent Posts below, published a
// little after them.
struct PersianTranslation {
  std::size_t original;  // index into kRecentPosts
  std::string_view title;
  std::string_view slug;
  std::string_view body;
  int section;  // index into kPersianSections
  int tag;      // index into kPersianTags
  DemoImage image;
};
// clang-format off
constexpr std::array<PersianTranslation, 3> kPersianRecentPosts{{
    {0, "ایران آماده‌ی دادن تضمین درباره‌ی ماهیت صلح‌آمیز برنامه‌ی هسته‌ای خود است",
     "iran-amade-tazmin-barname-hastei",
     "<p>سخنگوی وزارت امور خارجه‌ی ایران می‌گوید جمهوری اسلامی ایران آماده است "
     "تضمین‌های لازم را درباره‌ی ماهیت صلح‌آمیز برنامه‌ی هسته‌ای خود بدهد.</p>",
     1, 1,
     {"lake-at-night.webp", "دریاچه‌ای آرام در گرگ‌ومیش آبی، ردیفی از درختان در ساحل دور",
      "عکس: Risto Saukonpää، از کاغذدیواری‌های پلاسمای KDE (LGPL-3.0)"}},
    {1, "سخنگوی وزارت خارجه: جلوگیری از ورود کمک به غزه جنایت جنگی است",
     "jelogiri-az-komak-be-gaza-jenayat-jangi",
     "<p>سخنگوی وزارت امور خارجه‌ی ایران تأکید کرد که ادامه‌ی محاصره‌ی نوار غزه از سوی "
     "اسرائیل و جلوگیری از ورود کمک‌های بشردوستانه به این منطقه جنایت جنگی است.</p>",
     1, 2,
     {"pier-in-fog.webp", "اسکله‌ای چوبی و خالی که در مه پیش می‌رود",
      "عکس: Risto Saukonpää، از کاغذدیواری‌های پلاسمای KDE (LGPL-3.0)"}},
    {4, "ایران چهار قرارداد توسعه‌ی میدان نفتی با روسیه امضا کرد",
     "chahar-gharardad-nafti-ba-rusiye",
     "<p>محسن پاک‌نژاد، وزیر نفت ایران، از امضای چهار قرارداد بزرگ با شرکت‌های روسی "
     "برای توسعه‌ی میدان‌های نفتی در سراسر کشور خبر داد.</p>",
     2, 3,
     {"reeds-at-dawn.webp", "نی‌ها در کنار دریاچه‌ای آرام زیر سپیده‌دم صورتی و بنفش",
      "عکس: Risto Saukonpää، از کاغذدیواری‌های پلاسمای KDE (LGPL-3.0)"}},
}};
// clang-format on

// The six "Recent Posts" of the seed page, aged so that they read "4 hours
// ago" ... "1 day ago" for the next hour and more.
constexpr std::array<SeedPost, 6> kRecentPosts{{
    {"Iran says ready to give assurances regarding peaceful nature of its nuclear work",
     "The spokesperson for Iran’s Foreign Ministry says that the Islamic Republic of Iran is "
     "prepared to give the necessary assurances regarding the peaceful nature of its nuclear "
     "programme.",
     4h + 5min, 1, 3, 1},
    {"Iran spokesman: Preventing aid from entering Gaza war crime",
     "The spokesperson for Iran’s Foreign Ministry emphasized that Israel’s continued blockade of "
     "the Gaza Strip and its prevention of humanitarian aid from entering the territory amount "
     "to a war crime.",
     12h + 5min, 1, 4, 2},
    {"Iran’s Mission Denies Dutch Terror Allegations as Baseless",
     "The Iranian Embassy in the Netherlands firmly denied allegations in the Dutch National "
     "Security Agency's annual report, calling them baseless and politically motivated.",
     14h + 5min, 1, 2},
    {"Iran FM calls for robust Islamic action against Israel crimes",
     "Iranian Minister of Foreign Affairs, Seyed Abbas Araqchi, said the Islamic world are "
     "expected to take robust and united action against the crimes of Israel.",
     14h + 10min, 0, 2, 3},
    {"Iran signs 4 oilfield development contracts with Russia",
     "Iran’s Minister of Petroleum, Mohsen Paknejad, announced the signing of four major "
     "contracts with Russian companies to develop oilfields across the country.",
     26h, 2, 5, 4},
    {"4 arrested over controversial content aired on Iranian state TV",
     "The Iranian Judiciary’s Media Center announced that the controversial airing of a divisive "
     "segment on state television has led to the arrest of four people.",
     30h, 3, 6, 5},
}};

// Older articles are generated from these pieces, one per section a day.
constexpr std::array<std::string_view, 10> kSubjects{"Tehran",
                                                     "Parliament",
                                                     "The central bank",
                                                     "The foreign ministry",
                                                     "The oil ministry",
                                                     "The regional envoy",
                                                     "The judiciary",
                                                     "State media",
                                                     "Khuzestan's farmers' union",
                                                     "The tech sector"};
constexpr std::array<std::string_view, 8> kEvents{
    "weighs new measures as talks resume",   "reports progress after a week of meetings",
    "faces questions over the new budget",   "announces plans for the coming year",
    "sets out priorities for the winter",    "responds to criticism from abroad",
    "opens a review of last year's figures", "signals a change of course"};

std::string generated_body(std::string_view subject, std::string_view event,
                           std::string_view section) {
  const std::string who(subject);
  return "<p>" + who + " " + std::string(event) +
         ", officials said on Tuesday, in a move closely watched by observers of " +
         std::string(section) +
         ".</p>\n<p>The announcement follows weeks of discussion, and "
         "those involved say more details will be published in the coming days.</p>\n"
         "<p>“We will keep the public informed at every step,” a spokesperson said.</p>";
}

// A reference to a stored user, section or tag: the Store links by id.
template <typename T>
T with_id(content::Id id) {
  T item;
  item.id = id;
  return item;
}

content::User person(std::string email, std::string name, std::string bio, content::Role role) {
  content::User user;
  user.email = std::move(email);
  user.slug = content::make_slug(name);
  user.name = std::move(name);
  user.bio = std::move(bio);
  user.role = role;
  return user;
}

// What a post of the demo is written with besides its title and body.
struct PostParts {
  std::chrono::seconds age{};
  content::Id author = 0;
  content::Id section = 0;
  content::Id tag = 0;
  std::string standfirst;
  std::string locale;              // "": the site's
  content::Id translation_of = 0;  // the original this translates
  std::string slug;                // "": made from the title
  const content::Media* image = nullptr;
  const DemoImage* image_text = nullptr;
};

// Writes one post; the authors, sections and tags are given by id.
Result<content::Id> write_post(store::Store& store, Time now, std::string_view title,
                               std::string body, const PostParts& parts) {
  Post post;
  post.title = std::string(title);
  post.body_source = std::move(body);
  post.custom_excerpt = parts.standfirst;
  post.locale = parts.locale;
  post.translation_of = parts.translation_of;
  post.slug = parts.slug;
  post.status = content::PostStatus::published;
  post.published_at = now - parts.age;
  post.authors.push_back(with_id<content::User>(parts.author));
  if (parts.section) post.sections.push_back(with_id<content::Section>(parts.section));
  if (parts.tag) post.tags.push_back(with_id<content::Tag>(parts.tag));
  if (parts.image) {
    post.featured_image = media::media_src(*parts.image);
    post.featured_image_alt = std::string(parts.image_text->alt);
    post.featured_image_caption = std::string(parts.image_text->caption);
  }
  auto prepared = content::prepare_post(std::move(post), now);
  BYLINE_TRY(prepared);
  prepared->created_at = now - parts.age;  // written when it was published
  prepared->updated_at = now - parts.age;
  return store.create_post(*prepared);
}

std::optional<std::string_view> embedded_image(std::string_view file) {
  for (const auto& embedded : demo_image_files()) {
    if (embedded.path == file) return embedded.bytes;
  }
  return std::nullopt;
}

// Uploads the demo's images through the media library, as the newsroom
// would: each becomes its WebP variants.
Result<std::vector<content::Media>> upload_images(media::MediaLibrary& library, content::Id editor,
                                                  Time now) {
  std::vector<content::Media> uploaded;
  for (const auto& image : kImages) {
    const auto bytes = embedded_image(image.file);
    if (!bytes)
      return make_error(ErrorCode::internal,
                        "The demo image " + std::string(image.file) + " is not in this build.");
    media::Upload upload;
    upload.bytes = *bytes;
    upload.original_name = std::string(image.file);
    upload.alt = std::string(image.alt);
    upload.uploaded_by = editor;
    auto added = library.add(upload, now);
    BYLINE_TRY(added);
    uploaded.push_back(std::move(*added));
  }
  return uploaded;
}

// Makes the sections named in `named` (name, description) in the edition
// of `language` ("": the site's own); their ids, in that order.
Result<std::vector<content::Id>> make_sections(
    store::Store& store, std::span<const std::pair<std::string_view, std::string_view>> named,
    std::string_view language) {
  std::vector<content::Id> ids;
  for (const auto& [name, description] : named) {
    content::Section section;
    section.slug = content::make_slug(name);
    section.name = std::string(name);
    section.description = std::string(description);
    section.language = std::string(language);
    auto id = store.create_section(section);
    BYLINE_TRY(id);
    ids.push_back(*id);
  }
  return ids;
}

// Makes the tags named in `names`; their ids, in that order.
Result<std::vector<content::Id>> make_tags(store::Store& store,
                                           std::span<const std::string_view> names) {
  std::vector<content::Id> ids;
  for (const auto name : names) {
    content::Tag tag;
    tag.slug = content::make_slug(name);
    tag.name = std::string(name);
    auto id = store.create_tag(tag);
    BYLINE_TRY(id);
    ids.push_back(*id);
  }
  return ids;
}

// Writes a published page, three months old, by `author`: in the site's
// language, or in `locale` as the translation of `translation_of`.
Result<content::Id> write_page(store::Store& store, Time now, std::string_view title,
                               std::string_view slug, std::string_view body, content::Id author,
                               std::string_view locale = "", content::Id translation_of = 0) {
  Post page;
  page.type = content::PostType::page;
  page.title = std::string(title);
  page.slug = std::string(slug);
  page.body_source = std::string(body);
  page.locale = std::string(locale);
  page.translation_of = translation_of;
  page.status = content::PostStatus::published;
  page.published_at = now - 24h * 90;
  page.authors.push_back(with_id<content::User>(author));
  auto prepared = content::prepare_post(std::move(page), now);
  BYLINE_TRY(prepared);
  return store.create_post(*prepared);
}

}  // namespace

Result<int> fill_with_demo_content(store::Store& store, media::MediaLibrary& library, Time now) {
  auto existing = store.count_posts();
  BYLINE_TRY(existing);
  if (*existing > 0) return 0;

  BYLINE_TRY(store.put_setting(site::kTitleKey, "The Daily Byline"));
  BYLINE_TRY(store.put_setting(site::kDescriptionKey,
                               "Foreign policy, politics and the economy, as it happens."));
  BYLINE_TRY(store.put_setting(site::kTimeZoneKey, "Asia/Tehran"));
  // The seed site cuts its "Recent Posts" excerpts at 15 words.
  BYLINE_TRY(store.put_setting(site::kExcerptKey, "15 words"));
  // The seed site has a Persian edition.
  BYLINE_TRY(store.put_setting(site::kEditionsKey, std::string(kPersianEdition) + "\n"));

  const content::User emad = person(
      "emad@example.com", "Emad Askarieh",
      "Emad Askarieh has worked as a journalist since 2002. The main focus of his work is foreign "
      "policy and world diplomacy. He started his career at Iran Front Page Media Group, and is "
      "currently serving as the World Editor and the Vice-President for Executive Affairs at the "
      "Iran Front Page (IFP) news website.",
      content::Role::editor);
  const content::User leila =
      person("leila@example.com", "Leila Karimi", "Leila Karimi covers the economy and energy.",
             content::Role::author);
  const content::User reza =
      person("reza@example.com", "Reza Tavakoli",
             "Reza Tavakoli reports on society, media and the courts.", content::Role::author);
  std::array<content::Id, 3> authors{};
  int index = 0;
  for (const auto* user : {&emad, &leila, &reza}) {
    auto id = store.create_user(*user, "");  // demo authors cannot sign in
    BYLINE_TRY(id);
    authors[index++] = *id;
  }

  auto images = upload_images(library, authors[0], now);
  BYLINE_TRY(images);
  // The parts of a post, with one of the demo's images (-1: none).
  auto parts_of = [&](std::chrono::seconds age, content::Id author, content::Id section,
                      content::Id tag, int image) {
    PostParts parts;
    parts.age = age;
    parts.author = author;
    parts.section = section;
    parts.tag = tag;
    if (image >= 0) {
      parts.image = &(*images)[static_cast<std::size_t>(image)];
      parts.image_text = &kImages[static_cast<std::size_t>(image)];
    }
    return parts;
  };

  auto made_sections = make_sections(store, kSections, "");
  BYLINE_TRY(made_sections);
  const std::vector<content::Id>& sections = *made_sections;
  auto made_tags = make_tags(store, kTags);
  BYLINE_TRY(made_tags);
  const std::vector<content::Id>& tags = *made_tags;

  int written = 0;
  // Older generated articles first, so ids follow publication order.
  constexpr int kGenerated = 36;
  for (int i = kGenerated - 1; i >= 0; --i) {
    const auto subject = kSubjects[static_cast<std::size_t>(i) % kSubjects.size()];
    const auto event = kEvents[static_cast<std::size_t>(i * 3) % kEvents.size()];
    const auto section = static_cast<std::size_t>(i) % kSections.size();
    const std::string title = std::string(subject) + " " + std::string(event);
    const auto age = std::chrono::hours(50 + 20 * i);  // all older than the news sitemap's 48 hours
    BYLINE_TRY(write_post(
        store, now, title, generated_body(subject, event, kSections[section].first),
        parts_of(age, authors[static_cast<std::size_t>(i) % authors.size()], sections[section],
                 tags[static_cast<std::size_t>(i) % tags.size()], -1)));
    ++written;
  }

  PostParts lead = parts_of(34h, authors[0], sections[0], tags[1], kLeadImage);
  lead.standfirst = std::string(kLeadStandfirst);
  auto lead_id = write_post(store, now, kLeadTitle, std::string(kLeadBody), lead);
  BYLINE_TRY(lead_id);
  ++written;
  std::array<content::Id, kRecentPosts.size()> recent_ids{};
  for (std::size_t i = kRecentPosts.size(); i > 0; --i) {
    const SeedPost& seed = kRecentPosts[i - 1];
    auto id = write_post(store, now, seed.title, "<p>" + std::string(seed.first_sentence) + "</p>",
                         parts_of(seed.age, authors[i % 2 == 0 ? 0 : 1],
                                  sections[static_cast<std::size_t>(seed.section)],
                                  tags[static_cast<std::size_t>(seed.tag)], seed.image));
    BYLINE_TRY(id);
    recent_ids[i - 1] = *id;
    ++written;
  }

  auto about_id = write_page(store, now, "About us", "about",
                             "<p>The Daily Byline is a demo site of Byline, a news publishing "
                             "platform. Its lead article and recent posts come from a real news "
                             "page; the older articles are generated.</p>",
                             authors[0]);
  BYLINE_TRY(about_id);
  ++written;

  // The Persian edition, last, so that the ids of the posts above stay as
  // they were: its sections and tags, the lead's translation and three of
  // the Recent Posts'.
  auto made_persian_sections = make_sections(store, kPersianSections, "fa");
  BYLINE_TRY(made_persian_sections);
  const std::vector<content::Id>& persian_sections = *made_persian_sections;
  auto made_persian_tags = make_tags(store, kPersianTags);
  BYLINE_TRY(made_persian_tags);
  const std::vector<content::Id>& persian_tags = *made_persian_tags;
  PostParts persian = parts_of(33h, authors[0], persian_sections[0], persian_tags[0], kLeadImage);
  persian.standfirst = std::string(kLeadStandfirstPersian);
  persian.locale = "fa";
  persian.translation_of = *lead_id;
  persian.slug = std::string(kLeadSlugPersian);
  persian.image_text = &kLeadImagePersian;
  BYLINE_TRY(write_post(store, now, kLeadTitlePersian, std::string(kLeadBodyPersian), persian));
  ++written;
  for (const auto& translation : kPersianRecentPosts) {
    const SeedPost& original = kRecentPosts[translation.original];
    PostParts parts =
        parts_of(original.age - 10min, authors[0],
                 persian_sections[static_cast<std::size_t>(translation.section)],
                 persian_tags[static_cast<std::size_t>(translation.tag)], original.image);
    parts.locale = "fa";
    parts.translation_of = recent_ids[translation.original];
    parts.slug = std::string(translation.slug);
    parts.image_text = &translation.image;
    BYLINE_TRY(write_post(store, now, translation.title, std::string(translation.body), parts));
    ++written;
  }
  BYLINE_TRY(write_page(store, now, kAboutTitlePersian, kAboutSlugPersian, kAboutBodyPersian,
                        authors[0], "fa", *about_id));
  ++written;
  return written;
}

}  // namespace byline::demo
