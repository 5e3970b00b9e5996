/* Check suite for the engine and its detectors: verdicts and reasons line
 * by line, streaming (a document longer than the window leaves before it
 * ends; a shorter one is decided whole), the bounded window, and line
 * features. */
#include <check.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "rules.h"
#include "check_run.h"

static struct rule_set rs;
static struct rule_matcher m;
static struct engine eng;
static struct buf got;          /* "k:why|d:why|..." per emitted line */
static unsigned long emitted;

static void on_line(void *ctx, const struct line_out *l)
{
    (void)ctx;
    char v = l->v == V_KEEP ? 'k' : l->v == V_DROP ? 'd' : l->v == V_BLANK ? 'b' : '?';
    buf_putc(&got, v);
    buf_putc(&got, ':');
    buf_append(&got, l->why, strlen(l->why));
    buf_putc(&got, '|');
    emitted++;
}

static void start(const char *rules_text)
{
    rules_init(&rs);
    struct cleaner_err err = { 0 };
    ck_assert_int_eq(rules_load_string(&rs, "t.rules", rules_text, strlen(rules_text), &err), 0);
    rules_finish(&rs);
    struct rule_limits lim = RULE_LIMITS_DEFAULT;
    rules_matcher_init(&m, &rs, &lim);
    engine_init(&eng, &rs, &m, on_line, NULL);
    memset(&got, 0, sizeof got);
    emitted = 0;
}

static void stop(void)
{
    engine_free(&eng);
    rules_matcher_free(&m);
    rules_free(&rs);
    buf_free(&got);
}

static const char *run(const char *const *lines)
{
    got.len = 0;
    engine_begin(&eng);
    for (size_t i = 0; lines[i]; i++)
        engine_push(&eng, lines[i], strlen(lines[i]));
    engine_end(&eng);
    return buf_cstr(&got);
}

#define H "Thành phố mở rộng mạng lưới xe buýt điện"
#define P1 "Ngày 12/9, chính quyền thành phố đã công bố kế hoạch mở rộng mạng lưới xe buýt điện trong năm tới."
#define P2 "Theo kế hoạch, các tuyến mới sẽ kết nối trung tâm với những khu dân cư ở phía tây và phía nam."
#define P3 "Người dân cho biết họ mong chờ việc đi lại thuận tiện hơn, nhất là vào giờ cao điểm buổi sáng."

static const char *PACK = "stopwords của và là có được trong cho với các những một đã không\n"
                          "cut end /^Tin khác$/\nblock box /^Tin liên quan$/\n";

START_TEST(lines_with_nothing_to_read_are_dropped_not_blank)
{
    /* Markdown: an image and the end of a link opened paragraphs before
       ("[", a blank line, ..., "](address)") leave nothing a reader sees;
       the lines had text, so they are dropped, and the article goes on
       over them */
    start(PACK);
    struct engine_settings md = { .force_layout = LAYOUT_MARKDOWN };
    engine_configure(&eng, &md);
    const char *doc[] = { "# " H, "", P1, "", "![Ảnh](a.png)", "](https://x.vn/a-b)", "", P2,
                          "", "\xE2\x80\x8B", "", P3, NULL };
    ck_assert_str_eq(run(doc), "k:headline|b:blank|k:body|b:blank|d:no-text|d:no-text|b:blank|"
                               "k:body|b:blank|b:blank|b:blank|k:body|"); /* a zero-width space: blank */
    stop();
}
END_TEST

START_TEST(a_short_standfirst_above_the_text_is_the_lead)
{
    start(PACK);
    const char *doc[] = { "Trang chủ", H, "", "Phóng viên", "", "Thành phố sẽ có thêm xe buýt điện.",
                          "", P1, P2, P3, NULL };
    ck_assert_str_eq(run(doc), "d:chrome|k:headline|b:blank|d:chrome|b:blank|k:lead|b:blank|k:body|"
                               "k:body|k:body|");
    /* not a sentence: chrome */
    const char *doc2[] = { "Trang chủ", H, "", "Thành phố sẽ có thêm xe buýt điện mới", "", P1, P2,
                           P3, NULL };
    ck_assert_str_eq(run(doc2), "d:chrome|k:headline|b:blank|d:chrome|b:blank|k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(headline_body_and_chrome)
{
    start(PACK);
    const char *doc[] = { "Trang chủ", "Thể thao", H, "", P1, P2, P3, "Tin khác", "Bài khác nữa", NULL };
    ck_assert_str_eq(run(doc), "d:chrome|d:chrome|k:headline|b:blank|k:body|k:body|k:body|"
                               "d:end|d:end|");
    stop();
}
END_TEST

START_TEST(block_drops_until_body_resumes)
{
    start(PACK);
    const char *doc[] = { H, P1, "Tin liên quan", "Giá điện tăng", "Giá xăng giảm", P2, P3, NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|d:box|d:box|d:box|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(cut_before_the_body_drops_one_line)
{
    start(PACK);
    const char *doc[] = { "Tin khác", H, P1, P2, P3, NULL };
    ck_assert_str_eq(run(doc), "d:end|k:headline|k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(teaser_then_caption_pair)
{
    start(PACK);
    const char *doc[] = { H, P1, "Giá điện tăng từ tháng sau", "Giá điện tăng từ tháng sau",
                          "Bộ Công Thương vừa công bố quyết định điều chỉnh giá bán lẻ điện ...",
                          "Xe buýt điện chạy trên phố Tràng Tiền, Hà Nội, sáng 12/9. (Ảnh: TTXVN)",
                          "Xe buýt điện chạy thử trên phố Tràng Tiền, Hà Nội, sáng 12/9. (Ảnh: TTXVN)", P2, P3, NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|d:teaser|d:teaser|d:teaser|d:caption|k:body|"
                               "k:body|k:body|");
    stop();
}
END_TEST

START_TEST(second_article_is_cut)
{
    start(PACK);
    const char *doc[] = { H, P1, P2, P3, "Hà Nội thử nghiệm làn đường riêng cho xe đạp",
                          "Sở Giao thông vận tải Hà Nội vừa đề xuất thử nghiệm làn đường riêng cho xe đạp.",
                          "Hà Nội thử nghiệm làn đường riêng cho xe đạp - Hình 1", P1, NULL };
    /* from the new title on the article is over; a line that a detector
       dropped keeps that reason */
    ck_assert_str_eq(run(doc), "k:headline|k:body|k:body|k:body|d:second-article|"
                               "d:second-article|d:alt-text|d:repeat|");
    stop();
}
END_TEST

START_TEST(detectors_can_be_switched_off)
{
    start("detect body off\ndetect byline off\ndetect timestamp off\n");
    const char *doc[] = { "Trang chủ", "MINH ANH", "12:30 01/02/2024", NULL };
    ck_assert_str_eq(run(doc), "k:default|k:default|k:default|");
    stop();
}
END_TEST

START_TEST(lines_leave_before_the_document_ends)
{
    /* a document up to the window is decided whole, at its end */
    start(PACK);
    engine_begin(&eng);
    engine_push(&eng, H, strlen(H));
    for (int i = 0; i < 100; i++)
        engine_push(&eng, P1, strlen(P1));
    ck_assert_uint_eq(emitted, 0);
    engine_end(&eng);
    ck_assert_uint_eq(emitted, 101);
    stop();
    /* a longer one a window at a time: the older half leaves when the
       window is full, kept as the article going on */
    start("detect window lines=64\nstopwords của và là có được trong cho với các những một đã không\n");
    engine_begin(&eng);
    engine_push(&eng, H, strlen(H));
    for (int i = 0; i < 200; i++) {
        char line[256];
        int n = snprintf(line, sizeof line, "%s Đây là đoạn thứ %d.", i % 2 ? P1 : P2, i);
        engine_push(&eng, line, (size_t)n);
        if (i == 150)
            ck_assert_uint_ge(emitted, 152 - 64);
    }
    engine_end(&eng);
    ck_assert_uint_eq(emitted, 201);
    ck_assert_ptr_null(strstr(buf_cstr(&got), "d:"));
    stop();
}
END_TEST

#define P4 "Các chuyên gia cho rằng việc mở rộng sẽ giúp giảm ùn tắc và ô nhiễm không khí trong nội đô."
#define P5 "Thành phố dự kiến đưa thêm một trăm xe buýt điện vào hoạt động trước cuối năm nay."

START_TEST(cut_inside_the_body_is_revised_when_text_resumes)
{
    start(PACK);
    /* a widget and a tail header between the lead and the body */
    const char *doc[] = { H, P1, "Giá hiện tại", "Tin khác", "", P2, "", P3, "", P4, "", P5, NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|d:end|d:end|b:blank|k:body|b:blank|k:body|"
                               "b:blank|k:body|b:blank|k:body|");
    stop();
}
END_TEST

START_TEST(cut_ends_the_article_before_comments)
{
    start(PACK);
    /* two sentences after the header, then a commenter's name and a time */
    const char *doc[] = { H, P1, P2, P3, "Tin khác", P4, P5, "MINH ANH", "3 giờ trước", NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|k:body|k:body|d:end|d:end|d:end|d:byline|d:end|");
    stop();
}
END_TEST

START_TEST(cut_ends_the_article_before_another_one)
{
    start(PACK);
    /* after the header: one title, then a lead that speaks of it */
    const char *doc[] = { H, P1, P2, P3, "Tin khác", "Hà Nội thêm một trăm xe buýt điện mới",
                          "Hà Nội vừa đưa thêm một trăm xe buýt điện mới vào hoạt động trên các tuyến nội đô.",
                          P4, P5, NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|k:body|k:body|d:end|d:end|d:end|d:end|d:end|");
    stop();
}
END_TEST

START_TEST(headline_shares_words_with_the_lead)
{
    start(PACK);
    /* the nearest title-shaped lines are a share bar and a dated byline */
    const char *doc[] = { "Trang chủ", H, "Nghe Chia sẻ Lưu tin Bình luận",
                          "Theo Minh Anh | 20-07-2026 - 00:15 AM", P1, P2, P3, NULL };
    ck_assert_str_eq(run(doc), "d:chrome|k:headline|d:chrome|d:chrome|k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(teaser_cards_after_the_body_go)
{
    start(PACK);
    const char *doc[] = { H, "", P1, "", P2, "", P3, "", "Giá điện tăng từ tháng sau", P4, "",
                          "Xe buýt điện mới về bến", P5, "", "Liên hệ", NULL };
    ck_assert_str_eq(run(doc), "k:headline|b:blank|k:body|b:blank|k:body|b:blank|k:body|b:blank|"
                               "d:teaser-card|d:teaser-card|b:blank|d:teaser-card|d:teaser-card|"
                               "b:blank|d:article-end|");
    stop();
}
END_TEST

/* A page without blank lines: the article's last part is a teaser box
 * only as a run of body.box-units titles, each over one short paragraph;
 * two such sections are the article's sub-heads. */
START_TEST(a_run_of_cards_ends_a_page_without_blank_lines)
{
    start(PACK);
#define P6 "Các tuyến mới sẽ đi qua những khu dân cư đông đúc, nơi người dân hiện phải đi bộ rất xa mới tới bến xe buýt gần nhất."
#define P7 "Chính quyền cho biết sẽ lấy ý kiến người dân về vị trí các bến mới trước khi khởi công, dự kiến vào quý hai năm sau."
    const char *doc[] = { H, P1, P2, P6, P3, P7, "Giá điện tăng từ tháng sau ở thành phố", P4,
                          "Xe buýt điện mới về bến xe phía tây", P5,
                          "Giá vàng trong nước hôm nay giảm mạnh",
                          "Giá vàng miếng giảm một triệu đồng mỗi lượng so với phiên giao dịch hôm qua.",
                          "Liên hệ", NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|k:body|k:body|k:body|k:body|d:teaser-card|"
                               "d:teaser-card|d:teaser-card|d:teaser-card|d:teaser-card|"
                               "d:teaser-card|d:article-end|");
    /* a box larger than the text above it is the article's sections */
    const char *small[] = { H, P1, "Giá điện tăng từ tháng sau ở thành phố", P4,
                            "Xe buýt điện mới về bến xe phía tây", P5,
                            "Giá vàng trong nước hôm nay giảm mạnh",
                            "Giá vàng miếng giảm một triệu đồng mỗi lượng so với phiên giao dịch hôm qua.",
                            "Liên hệ", NULL };
    ck_assert_str_eq(run(small), "k:headline|k:body|k:body|k:body|k:body|k:body|k:body|k:body|"
                                 "d:article-end|");
    const char *two[] = { H, P1, P2, P3, "Giá điện tăng từ tháng sau ở thành phố", P4,
                          "Xe buýt điện mới về bến xe phía tây", P5, "Liên hệ", NULL };
    ck_assert_str_eq(run(two), "k:headline|k:body|k:body|k:body|k:body|k:body|k:body|k:body|"
                               "d:article-end|");
    stop();
}
END_TEST

/* The standfirst under the headline is the lead: a sentence, or running
 * text with no final stop right under the headline; the lead photo's
 * caption and a byline no rule knew may stand between it and the text.
 * A label's caption ("TIN ẢNH: ...") or a list item is not one. */
START_TEST(a_standfirst_without_a_stop_is_the_lead)
{
    start("stopwords của và là có được trong cho với các những một đã không\n"
          "caption credit /Ảnh: [^.]+$/\n");
#define SF "Chính quyền cho biết các tuyến mới sẽ giúp người dân đi lại thuận tiện hơn trong năm tới"
    const char *doc[] = { "Trang chủ", H, SF, "Xe buýt điện ở bến. Ảnh: Minh Anh",
                          "Minh Anh Phóng viên", P1, P2, P3, NULL };
    ck_assert_str_eq(run(doc), "d:chrome|k:headline|k:lead|k:body|d:chrome|k:body|k:body|k:body|");
    /* not right under the headline: a line stands between */
    const char *apart[] = { "Trang chủ", H, "Thời sự", SF, P1, P2, P3, NULL };
    ck_assert_str_eq(run(apart), "d:chrome|k:headline|d:chrome|d:chrome|k:body|k:body|k:body|");
    const char *label[] = { "Trang chủ", H, "TIN ẢNH: " SF, P1, P2, P3, NULL };
    ck_assert_str_eq(run(label), "d:chrome|k:headline|d:chrome|k:body|k:body|k:body|");
    stop();
}
END_TEST

/* Nothing after the author's signature is the article: a short last
 * paragraph under it goes as a teaser card, with its title or glued to
 * it; text that only a one-word sub-head stands above stays. */
START_TEST(a_card_under_the_signature_goes)
{
    start(PACK);
    const char *titled[] = { H, P1, P2, P3, "Tâm Hằng", "Giá vàng trong nước hôm nay giảm mạnh",
                             "Giá vàng miếng giảm một triệu đồng mỗi lượng so với phiên giao dịch hôm qua.",
                             NULL };
    ck_assert_str_eq(run(titled), "k:headline|k:body|k:body|k:body|d:byline|d:teaser-card|"
                                  "d:teaser-card|");
    const char *glued[] = { H, "", P1, "", P2, "", P3, "", "Tâm Hằng", "",
                            "Giá vàng trong nước hôm nay giảm mạnh? Giá vàng miếng giảm một triệu "
                            "đồng mỗi lượng so với phiên giao dịch hôm qua.",
                            NULL };
    ck_assert_str_eq(run(glued), "k:headline|b:blank|k:body|b:blank|k:body|b:blank|k:body|b:blank|"
                                 "d:byline|b:blank|d:teaser-card|");
    /* the name must follow text: a byline above the article is its own */
    const char *top[] = { H, "Tâm Hằng", P1, NULL };
    ck_assert_str_eq(run(top), "k:headline|d:byline|k:body|");
    stop();
}
END_TEST

START_TEST(caption_rules_mark_captions_without_deciding)
{
    start("stopwords của và là có được trong cho với các những một đã không\n"
          "caption credit /Ảnh: [^.]+$/\n");
    /* captions never count towards the gap: twelve of them stay inside */
    const char *doc[] = { H, P1, P2, "Cảnh 1. Ảnh: A", "Cảnh 2. Ảnh: A", "Cảnh 3. Ảnh: A",
                          "Cảnh 4. Ảnh: A", "Cảnh 5. Ảnh: A", "Cảnh 6. Ảnh: A", "Cảnh 7. Ảnh: A",
                          "Cảnh 8. Ảnh: A", "Cảnh 9. Ảnh: A", "Cảnh 10. Ảnh: A", "Cảnh 11. Ảnh: A",
                          "Cảnh 12. Ảnh: A", P3, P4, NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|k:body|k:body|k:body|k:body|k:body|k:body|"
                               "k:body|k:body|k:body|k:body|k:body|k:body|k:body|k:body|k:body|");
    stop();
}
END_TEST

/* --- the article chosen as a whole (English text, an English word list) */

static const char *EN =
    "stopwords the a an of to in and is was that it for on with as at by from this be are has "
    "have had not but or its their they he she we said will would\n"
    "cut more /^More on this$/\n"
    "credit photo-credit /^Photo: .{1,40}$/\n";

#define T1 "City council votes to expand the electric bus network"
#define A1 "The city council voted on Tuesday to expand the electric bus network to the western districts by next year."
#define A2 "The new lines will connect the western districts with the centre, the council said in a statement."
#define A3 "Residents of the western districts have asked for better bus links for years, and the council agreed."
#define A4 "The electric buses will run every ten minutes on the new lines, the transport office of the council said."
#define A5 "The council expects the bus network to carry twice as many passengers once the new lines are open."
#define A6 "Work on the first of the new bus lines will start in the spring, the council said on Tuesday."
#define A7 "The western districts will get forty new electric buses, which the city will buy from a local maker."
#define A8 "Critics on the council said the bus plan was too expensive and that the money was needed for schools."
#define A9 "The mayor said the electric buses would cut the noise and the fumes in the western districts of the city."
#define A10 "The council will vote again on the budget for the new bus lines in the autumn, after a public hearing."
#define U1 "Our newsroom depends on readers like you, and every gift helps us to keep our reporting free for everyone to read."
#define U2 "If you value independent journalism, please consider a monthly donation today, it takes only a minute of your time."

START_TEST(a_small_block_before_the_article_is_passed_over)
{
    start(EN);
    /* a channel blurb in a menu: two sentences that stand together */
    const char *doc[] = { "Our channel brings you the best shows and the latest news from the region every day.",
                          "It is free to watch on all of your devices, at home and on the road.",
                          "Home", "News", "Sport", "Culture", "Weather", "Travel", "Food", "Money",
                          "Cars", "Video", T1, A1, A2, A3, A4, A5, NULL };
    ck_assert_str_eq(run(doc), "d:chrome|d:chrome|d:byline|d:byline|d:byline|d:byline|d:byline|"
                               "d:byline|d:byline|d:byline|d:byline|d:byline|k:headline|k:body|"
                               "k:body|k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(the_article_goes_on_over_a_box_that_speaks_of_the_same)
{
    start(EN);
    /* a box of eleven link titles inside the article, then more of it */
    const char *doc[] = { T1, A1, A2, A3, "Most read today", "Storm closes the coast road",
                          "Prices rise again in March", "New stadium opens its doors",
                          "School meals to be free", "Museum shows old maps", "Rail strike ends",
                          "Harbour gets a new crane", "Zoo welcomes a baby giraffe",
                          "Flower show draws crowds", "Bridge repairs start", A4, A5, NULL };
    const char *got_ = run(doc);
    ck_assert_str_eq(got_, "k:headline|k:body|k:body|k:body|d:box|d:box|d:box|d:box|d:box|d:box|"
                           "d:box|d:box|d:box|d:box|d:box|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(a_box_of_doubled_entries_counts_each_once)
{
    start(EN);
    /* five teasers under a tail header, each title given twice (an
       image's title, then the link): five entries, not ten, and the
       article goes on under them */
    const char *doc[] = { T1, A1, A2, A3, "More on this", "Storm closes the coast road",
                          "Storm closes the coast road", "Prices rise again in March",
                          "Prices rise again in March", "New stadium opens its doors",
                          "New stadium opens its doors", "School meals to be free",
                          "School meals to be free", "Museum shows old maps", "Museum shows old maps",
                          A4, A5, A6, NULL };
    const char *got_ = run(doc);
    ck_assert_str_eq(got_ + strlen(got_) - strlen("k:body|k:body|k:body|"), "k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(markup_in_a_box_is_no_text_between)
{
    start(EN);
    /* pandoc -t gfm writes a teaser card's HTML around its title: the
       lines of attributes are nothing a reader sees, and four cards under
       a tail header are four entries; the article goes on under them */
    const char *doc[] = { T1, A1, A2, A3, "More on this",
                          "class=\"teaser block\" target=\"_self\" pos=\"1\"",
                          "data-flag-name=\"paid\" sara-component=\"card-1\"",
                          "Storm closes the coast road",
                          "class=\"teaser block\" target=\"_self\" pos=\"2\"",
                          "data-flag-name=\"paid\" sara-component=\"card-2\"",
                          "Prices rise again in March",
                          "class=\"teaser block\" target=\"_self\" pos=\"3\"",
                          "data-flag-name=\"paid\" sara-component=\"card-3\"",
                          "New stadium opens its doors",
                          "class=\"teaser block\" target=\"_self\" pos=\"4\"",
                          "data-flag-name=\"paid\" sara-component=\"card-4\"",
                          "School meals to be free", A4, A5, A6, NULL };
    const char *got_ = run(doc);
    ck_assert_str_eq(got_, "k:headline|k:body|k:body|k:body|d:more|d:markup|d:markup|d:more|"
                           "d:markup|d:markup|d:more|d:markup|d:markup|d:more|d:markup|d:markup|"
                           "d:more|k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(a_button_after_resumed_text_is_no_signature)
{
    start("stopwords the a an of to in and is was that it for on with as at by from this be are has "
          "have had not but or its their they he she we said will would\n"
          "cut more /^More on this$/\n"
          "drop share /^(Feedback|Share)$/\n");
    /* two paragraphs after the box, then the page's buttons: a one-word
       line a rule knows is not a commenter's name */
    const char *doc[] = { T1, A1, A2, A3, "More on this", "Storm closes the coast road",
                          "Prices rise again in March", A4, A5, "Feedback", NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|k:body|k:body|d:more|d:more|d:more|k:body|k:body|"
                               "d:share|");
    stop();
}
END_TEST

START_TEST(a_block_that_does_not_speak_of_it_is_not_taken)
{
    start(EN);
    const char *doc[] = { T1, A1, A2, A3, "Most read today", "Storm closes the coast road",
                          "Prices rise again in March", "New stadium opens its doors",
                          "School meals to be free", "Museum shows old maps", "Rail strike ends",
                          "Harbour gets a new crane", "Zoo welcomes a baby giraffe",
                          "Flower show draws crowds", "Bridge repairs start",
                          "The football club signed a young striker from abroad on a three year contract this week.",
                          "The striker scored twenty goals last season and the fans already love him, the club said.",
                          NULL };
    const char *got_ = run(doc);
    ck_assert_ptr_null(strstr(got_ + strlen("k:headline|k:body|k:body|k:body|"), "k:"));
    stop();
}
END_TEST

START_TEST(a_widget_in_sentences_after_the_article_is_left_out)
{
    start(EN);
    /* an article of some length (a short one is not judged so) */
    const char *doc[] = { T1, A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, "Support our newsroom", U1, U2,
                          NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|k:body|k:body|k:body|k:body|k:body|k:body|"
                               "k:body|k:body|k:body|d:article-end|d:article-end|d:article-end|");
    stop();
}
END_TEST

START_TEST(the_standfirst_under_the_title_is_the_lead)
{
    start(EN);
    /* a long line without a final stop under the title; a byline between */
    const char *doc[] = { "Home", T1, "The council voted to expand the electric bus network to the western "
                                      "districts by next year, and residents welcomed the plan",
                          "By Jane Doe", A1, A2, A3, NULL };
    ck_assert_str_eq(run(doc), "d:byline|k:headline|k:lead|d:byline|k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(a_lead_over_its_byline_and_date_starts_the_article)
{
    start(EN);
    /* the lead, then the author and the date and a share bar long enough
       to part the lead from the body: the name over the date is the
       article's byline, not a comment's signature */
    const char *doc[] = { "Home", T1,
                          "The council voted to expand the electric bus network to the western "
                          "districts, and residents welcomed the plan.",
                          "Jane Doe", "Updated: 03.07.2024 - 18:24", "facebook", "twitter", "linkedin",
                          "whatsapp", "mail", "print", "copy", "reddit", "pocket", "flipboard", A1, A2,
                          A3, NULL };
    ck_assert_str_eq(run(doc), "d:byline|k:headline|k:body|d:byline|d:timestamp|d:box|d:box|d:box|"
                               "d:box|d:box|d:box|d:box|d:box|d:box|d:box|k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(a_credit_makes_the_line_above_it_a_caption)
{
    start(EN);
    /* the photo's caption is not the headline, and stays inside the body */
    const char *doc[] = { T1, "Byline Jane Doe 12.03.2024 10:15", "Buses at the depot in the west of the city",
                          "Photo: John Roe", A1, A2, A3, NULL };
    ck_assert_str_eq(run(doc), "k:headline|d:byline|k:body|d:photo-credit|k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(a_label_over_every_entry_of_a_list_is_not_the_headline)
{
    start(EN);
    /* a schedule's "Channel: TV" stands over every entry: repeated so, it
       is a label, not a title repeated in a breadcrumb */
    const char *doc[] = { "Channel:NRK TV", "Tears flowed, then came the shock turnaround",
                          "The qualification in the pole vault was a dramatic one for the Norwegian jumper on Monday.",
                          "Here she thinks the final place is slipping away from her, and she cries.",
                          "She is in the final after all, after a surprising turn of events in the evening.",
                          "Schedule", "Channel:NRK TV", "Rowing heats", "Channel:NRK TV", "Sailing final", NULL };
    ck_assert_str_eq(run(doc), "d:chrome|k:headline|k:body|k:body|k:body|d:byline|d:repeat|"
                               "d:article-end|d:article-end|d:article-end|");
    stop();
}
END_TEST

/* Wrapped text: a teaser card whose title filled the width is glued to
 * its snippet; beside a card whose title stands over its snippet, it is
 * a card too. A paragraph whose first line only looks so stays: its first
 * line has a clause's comma, or its words are not the rest's. */
START_TEST(a_card_glued_by_the_wrapping_goes)
{
    start(EN);
    struct engine_settings w = { .force_layout = LAYOUT_WRAPPED };
    engine_configure(&eng, &w);
#define W1 "The city council voted on Tuesday to expand the electric bus network to the", \
           "western districts by next year. The new lines will connect the western districts", \
           "with the centre, the council said in a statement."
#define W2 "Residents of the western districts have asked for better bus links for years,", \
           "and the council agreed. The electric buses will run every ten minutes on the new", \
           "lines, the transport office of the council said."
#define W3 "Work on the first of the new bus lines will start in the spring, the council", \
           "said on Tuesday. The western districts will get forty new electric buses, which", \
           "the city will buy from a local maker."
#define CARD "Tram fares to rise by ten percent next month", \
             "Tram fares will rise by ten percent from next month, the transport office said", \
             "on Monday."
    const char *doc[] = { T1, "", W1, "", W2, "", W3, "", CARD, "",
                          "Council approves new cycle lanes along the river through the western districts",
                          "Cycle lanes along the river will connect the western districts with the centre,",
                          "the council said.", NULL };
    ck_assert_str_eq(run(doc), "k:headline|b:blank|k:body|k:body|k:body|b:blank|k:body|k:body|k:body|"
                               "b:blank|k:body|k:body|k:body|b:blank|d:teaser-card|d:teaser-card|"
                               "d:teaser-card|b:blank|d:teaser-card|d:teaser-card|d:teaser-card|");
    /* a comma in the first line: the start of a sentence */
    const char *comma[] = { T1, "", W1, "", W2, "", CARD, "",
                            "Next year, the council approves new cycle lanes along the western districts",
                            "Cycle lanes along the river will connect the western districts with the centre,",
                            "the council said.", "", W3, NULL };
    ck_assert_str_eq(run(comma), "k:headline|b:blank|k:body|k:body|k:body|b:blank|k:body|k:body|k:body|"
                                 "b:blank|k:body|k:body|k:body|b:blank|k:body|k:body|k:body|b:blank|"
                                 "k:body|k:body|k:body|");
    stop();
}
END_TEST

/* Text without blank lines (Debian html2text): a box of link titles in
 * the body, the second title filling the width and glued to the third,
 * is a run of three titles and goes; the article goes on under it. A
 * title whose line ends in a function word is running text's line. */
START_TEST(titles_glued_by_the_wrapping_count_as_two)
{
    start(EN);
    struct engine_settings w = { .force_layout = LAYOUT_WRAPPED };
    engine_configure(&eng, &w);
    const char *doc[] = { T1, W1, W2, "Tram fares to rise by ten percent next month",
                          "Council approves new cycle lanes along the river through the western districts",
                          "Electric ferries to cross the harbour every twenty minutes from the spring", W3,
                          NULL };
    ck_assert_str_eq(run(doc), "k:headline|k:body|k:body|k:body|k:body|k:body|k:body|d:link-run|"
                               "d:link-run|d:link-run|k:body|k:body|k:body|");
    const char *of_the[] = { T1, W1, W2, "Tram fares to rise by ten percent next month",
                             "Council approves new cycle lanes along the river through the western part of the",
                             "Electric ferries to cross the harbour every twenty minutes from the spring", W3,
                             NULL };
    ck_assert_str_eq(run(of_the), "k:headline|k:body|k:body|k:body|k:body|k:body|k:body|k:body|"
                                  "k:body|k:body|k:body|k:body|k:body|");
    stop();
}
END_TEST

START_TEST(html2text_headings_links_and_markup)
{
    /* Debian html2text: a starred heading is a heading (six stars: the
       page's title, over a subtitle and a photo credit that do not make it
       a caption); markup it let through is dropped; a link's words joined
       by underscores is a link, and the snippet after it in "..." a
       teaser */
    start(EN);
    struct engine_settings w = { .force_layout = LAYOUT_WRAPPED };
    engine_configure(&eng, &w);
    const char *doc[] = { "****** " T1 " ******", "***** Residents hope for quiet streets *****",
                          "Photo: Jane Roe", A1, "", A2, "",
                          "id=\"'ad_bin_' + id.replace('-', '_')\" class=\"ad_bin sold\">", "", A3, "",
                          A4, "", "Harbour_bridge_to_close_for_repairs_over_the_summer",
                          "The harbour bridge will close for six weeks in July while the workers replace...",
                          NULL };
    ck_assert_str_eq(run(doc), "k:headline|d:chrome|d:photo-credit|k:body|b:blank|k:body|b:blank|d:markup|"
                               "b:blank|k:body|b:blank|k:body|b:blank|d:teaser|d:teaser|");
    stop();
}
END_TEST

START_TEST(window_bounds_held_lines)
{
    start(PACK);
    engine_begin(&eng);
    /* chrome never followed by body: held lines must still leave */
    for (int i = 0; i < 100000; i++) {
        char line[32];
        int n = snprintf(line, sizeof line, "Mục %d", i);
        engine_push(&eng, line, (size_t)n);
        ck_assert_uint_le((unsigned long)(i + 1) - emitted, rs.det.window);
    }
    engine_end(&eng);
    ck_assert_uint_eq(emitted, 100000);
    stop();
}
END_TEST

START_TEST(empty_lines_in_a_row_hold_one_slot)
{
    start("stopwords của và là có được trong cho với các những một đã không\n"
          "detect window lines=16\n");
    /* BeautifulSoup's text: hundreds of empty lines between paragraphs.
       They fold into the empty line before them: a window of 16 lines
       still holds the whole document (nothing leaves before its end), and
       every empty line is reported, in its place */
    engine_begin(&eng);
    const char *head[] = { H, "", P1, NULL };
    for (size_t i = 0; head[i]; i++)
        engine_push(&eng, head[i], strlen(head[i]));
    for (int i = 0; i < 200; i++)
        engine_push(&eng, "", 0);
    engine_push(&eng, P2, strlen(P2));
    engine_push(&eng, "", 0);
    engine_push(&eng, P3, strlen(P3));
    ck_assert_uint_eq(emitted, 0);
    engine_end(&eng);
    ck_assert_uint_eq(emitted, 3 + 200 + 3);
    struct buf want = BUF_INIT;
    const char *top = "k:headline|b:blank|k:body|";
    buf_append(&want, top, strlen(top));
    for (int i = 0; i < 200; i++)
        buf_append(&want, "b:blank|", 8);
    buf_append(&want, "k:body|b:blank|k:body|", 22);
    ck_assert_str_eq(buf_cstr(&got), buf_cstr(&want));
    buf_free(&want);
    stop();
}
END_TEST

START_TEST(features_shape_flags)
{
    start(PACK);
    struct line_rec l;
    memset(&l, 0, sizeof l);
    struct buf scratch = BUF_INIT;
    const char *cases[][2] = {
        { P1, "good" },
        { H, "title" },
        { "XUÂN LONG", "name" },
        { "Quang Phong - Tùng Nguyên", "name" },
        { "Nhiều ngân hàng đã thông báo giảm lãi suất cho vay mua nhà ...", "ellipsis" },
        { "1. Anh Zhang mắc hội chứng Nevus bẩm sinh", "list" },
        { "Tâm Hằng (TTXVN)", "name" },
        { "Theo Minh Anh | 20-07-2026 - 00:15 AM", "meta" },
        { "Published on 03-08-2011 01:00 AM", "meta" },
        { "Sau nửa chặng, chiến dịch 40 ngày đạt kết quả ra sao?", "title" },
        { "Aktualizacja: 02.02.2025 23:49 Publikacja: 02.02.2025 21:52", "time" },
        { "Giriş: 03.07.2024 - 18:24", "time" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf_set(&l.norm, cases[i][0], strlen(cases[i][0]));
        l.flags = 0;
        detect_features(&rs.det, &l, &scratch);
        const char *want = cases[i][1];
        unsigned flag = !strcmp(want, "good") ? LF_GOOD : !strcmp(want, "title") ? LF_TITLE
                      : !strcmp(want, "name") ? LF_NAME : !strcmp(want, "ellipsis") ? LF_ELLIPSIS
                      : !strcmp(want, "meta") ? LF_META : !strcmp(want, "time") ? LF_TIME_SHAPE
                      : LF_LIST;
        ck_assert_msg(l.flags & flag, "'%s' should be %s", cases[i][0], want);
    }
    /* a short question is a title, not running text; a date in a headline
       without a year or a clock is not metadata */
    const char *not_good = "Sau nửa chặng, chiến dịch 40 ngày đạt kết quả ra sao?";
    buf_set(&l.norm, not_good, strlen(not_good));
    detect_features(&rs.det, &l, &scratch);
    ck_assert(!(l.flags & LF_GOOD));
    const char *dated = "Lịch chốt quyền cổ tức tiền mặt 20-24/7 của hai ngân hàng";
    buf_set(&l.norm, dated, strlen(dated));
    detect_features(&rs.det, &l, &scratch);
    ck_assert(!(l.flags & LF_META));
    /* a label over a date is any word before a colon and a number; not a
       third one, and not over a count */
    const char *not_time[] = { "A: 02.02.2025 B: 02.02.2025 C: 02.02.2025", "Kommentare: 12",
                               "Trump: 5 Dinge 02.02.2025" };
    for (size_t i = 0; i < sizeof not_time / sizeof not_time[0]; i++) {
        buf_set(&l.norm, not_time[i], strlen(not_time[i]));
        detect_features(&rs.det, &l, &scratch);
        ck_assert_msg(!(l.flags & LF_TIME_SHAPE), "'%s' is no date", not_time[i]);
    }
    buf_set(&l.norm, H, strlen(H));
    detect_features(&rs.det, &l, &scratch);
    ck_assert(!(l.flags & (LF_GOOD | LF_NAME)));
    ck_assert_uint_eq(l.f.words, 9);
    /* a long paragraph in words no pack knows, with no final stop: good
       when two sentences end inside it, not with one, nor when it stops at
       an address (a contact notice) */
    const char *words = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda";
    const char *tails[][2] = {
        { ". Mu nu xi omicron pi rho. Sigma tau upsilon phi chi", " psi 0800727272" },
        { ", mu nu xi omicron pi rho. Sigma tau upsilon phi chi", " psi 0800727272" },
        { ". Mu nu xi omicron pi rho. Sigma tau upsilon phi chi", " psi: www.example.org" },
        { ". Mu nu xi omicron pi rho. Sigma tau upsilon phi chi", " psi info@example.org" },
    };
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        buf_set(&l.norm, words, strlen(words));
        buf_append(&l.norm, tails[i][0], strlen(tails[i][0]));
        buf_append(&l.norm, " ", 1);
        buf_append(&l.norm, words, strlen(words));
        buf_append(&l.norm, tails[i][1], strlen(tails[i][1]));
        l.flags = 0;
        detect_features(&rs.det, &l, &scratch);
        ck_assert_uint_ge(l.f.words, rs.det.body_long_words);
        ck_assert_msg(!!(l.flags & LF_GOOD) == (i == 0), "case %zu", i);
    }
    buf_free(&l.norm);
    buf_free(&scratch);
    stop();
}
END_TEST

/* The bytes of the too-long line handed out (spill_put_text). */
static struct buf long_text;
static void on_line_text(void *ctx, const struct line_out *l)
{
    on_line(ctx, l);
    if (l->spill) {
        struct io_writer w;
        long_text.len = 0;
        io_writer_init_mem(&w, &long_text);
        ck_assert_int_eq(spill_put_text(l->spill, &w), 0);
        ck_assert_int_eq(io_writer_close(&w), 0);
        ck_assert_uint_eq(l->raw_len, ENGINE_LONG_LINE + 5);
    }
}

START_TEST(a_too_long_line_is_dropped_whole_in_parts_or_not)
{
    /* a line over ENGINE_LONG_LINE bytes: dropped as too-long, the article
       around it as without it, the same whether it comes whole (from
       memory) or in parts (a reader's pieces, split inside a character),
       and with dropped lines shown, its text whole: a tab as a space, an
       invalid byte replaced */
    start(PACK);
    engine_free(&eng);
    engine_init(&eng, &rs, &m, on_line_text, NULL);
    struct engine_settings show = { .show_dropped = 1 };
    engine_configure(&eng, &show);
    size_t n = ENGINE_LONG_LINE + 5;
    char *line = malloc(n + 1);
    /* "x", then "é" at odd offsets: the head's end (64 KiB) and the
       temporary file's pieces fall inside a character */
    line[0] = 'x';
    for (size_t i = 1; i + 1 < n; i += 2) {
        line[i] = (char)0xC3;
        line[i + 1] = (char)0xA9;
    }
    line[999] = '\t';
    line[1000] = ' ';
    line[n - 2] = 'y';
    line[n - 1] = (char)0xFF;
    const char *want = "k:headline|b:blank|k:body|b:blank|d:too-long|b:blank|k:body|b:blank|k:body|";
    for (int parts = 0; parts < 2; parts++) {
        got.len = 0;
        long_text.len = 0;
        engine_begin(&eng);
        engine_push(&eng, H, strlen(H));
        engine_push(&eng, "", 0);
        engine_push(&eng, P1, strlen(P1));
        engine_push(&eng, "", 0);
        if (parts) { /* pieces of 300,001 bytes: each cut inside an "é" */
            size_t at = 0;
            for (; n - at > 300001; at += 300001)
                engine_push_part(&eng, line + at, 300001);
            engine_push(&eng, line + at, n - at);
        } else {
            engine_push(&eng, line, n);
        }
        engine_push(&eng, "", 0);
        engine_push(&eng, P2, strlen(P2));
        engine_push(&eng, "", 0);
        engine_push(&eng, P3, strlen(P3));
        engine_end(&eng);
        ck_assert_str_eq(buf_cstr(&got), want);
        ck_assert_uint_eq(long_text.len, n + 2); /* 0xFF became U+FFFD */
        ck_assert(!memcmp(long_text.p, line, 999));
        ck_assert(!memcmp(long_text.p + 999, "  ", 2));
        ck_assert(!memcmp(long_text.p + 1001, line + 1001, n - 1 - 1001));
        ck_assert(!memcmp(long_text.p + n - 1, "\xEF\xBF\xBD", 3));
    }
    free(line);
    buf_free(&long_text);
    stop();
}
END_TEST

START_TEST(a_spilled_line_comes_back_whole_when_the_disk_fills)
{
    /* the temporary file takes 100,001 bytes (a file size limit stands for
       a full disk), memory the rest: the text comes back whole, a
       character cut between the two included */
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit lim = { 100001, 100001 };
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    size_t n = 300000;
    char *line = malloc(n);
    for (size_t i = 0; i < n; i += 2) {
        line[i] = (char)0xC3;
        line[i + 1] = (char)0xA9;
    }
    struct spill *s = spill_new(1);
    for (size_t at = 0; at < n; at += 30000)
        spill_write(s, line + at, 30000);
    ck_assert_uint_eq(spill_len(s), n);
    struct buf text = BUF_INIT;
    struct io_writer w;
    io_writer_init_mem(&w, &text);
    ck_assert_int_eq(spill_put_text(s, &w), 0);
    ck_assert_int_eq(io_writer_close(&w), 0);
    ck_assert_uint_eq(text.len, n);
    ck_assert(!memcmp(text.p, line, n));
    spill_free(s);
    buf_free(&text);
    free(line);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("engine");
    TCase *core = tcase_create("core");
    tcase_add_test(core, headline_body_and_chrome);
    tcase_add_test(core, a_too_long_line_is_dropped_whole_in_parts_or_not);
    tcase_add_test(core, a_spilled_line_comes_back_whole_when_the_disk_fills);
    tcase_add_test(core, block_drops_until_body_resumes);
    tcase_add_test(core, cut_before_the_body_drops_one_line);
    tcase_add_test(core, detectors_can_be_switched_off);
    tcase_add_test(core, cut_inside_the_body_is_revised_when_text_resumes);
    tcase_add_test(core, cut_ends_the_article_before_comments);
    tcase_add_test(core, cut_ends_the_article_before_another_one);
    tcase_add_test(core, headline_shares_words_with_the_lead);
    tcase_add_test(core, teaser_cards_after_the_body_go);
    tcase_add_test(core, a_run_of_cards_ends_a_page_without_blank_lines);
    tcase_add_test(core, a_card_under_the_signature_goes);
    tcase_add_test(core, a_standfirst_without_a_stop_is_the_lead);
    tcase_add_test(core, caption_rules_mark_captions_without_deciding);
    TCase *art = tcase_create("article");
    tcase_add_test(art, a_small_block_before_the_article_is_passed_over);
    tcase_add_test(art, the_article_goes_on_over_a_box_that_speaks_of_the_same);
    tcase_add_test(art, a_box_of_doubled_entries_counts_each_once);
    tcase_add_test(art, markup_in_a_box_is_no_text_between);
    tcase_add_test(art, a_button_after_resumed_text_is_no_signature);
    tcase_add_test(art, a_block_that_does_not_speak_of_it_is_not_taken);
    tcase_add_test(art, a_widget_in_sentences_after_the_article_is_left_out);
    tcase_add_test(art, the_standfirst_under_the_title_is_the_lead);
    tcase_add_test(art, a_lead_over_its_byline_and_date_starts_the_article);
    tcase_add_test(art, a_credit_makes_the_line_above_it_a_caption);
    tcase_add_test(art, a_label_over_every_entry_of_a_list_is_not_the_headline);
    tcase_add_test(art, a_card_glued_by_the_wrapping_goes);
    tcase_add_test(art, titles_glued_by_the_wrapping_count_as_two);
    tcase_add_test(art, html2text_headings_links_and_markup);
    suite_add_tcase(s, art);
    suite_add_tcase(s, core);
    TCase *det = tcase_create("detectors");
    tcase_add_test(det, teaser_then_caption_pair);
    tcase_add_test(det, second_article_is_cut);
    tcase_add_test(det, lines_with_nothing_to_read_are_dropped_not_blank);
    tcase_add_test(det, a_short_standfirst_above_the_text_is_the_lead);
    tcase_add_test(det, features_shape_flags);
    suite_add_tcase(s, det);
    TCase *stream = tcase_create("streaming");
    tcase_add_test(stream, lines_leave_before_the_document_ends);
    tcase_add_test(stream, window_bounds_held_lines);
    tcase_add_test(stream, empty_lines_in_a_row_hold_one_slot);
    tcase_set_timeout(stream, 60);
    suite_add_tcase(s, stream);
    return s;
}

int main(void)
{
    return check_run(suite());
}
