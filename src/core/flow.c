#include "flow.h"
#include "err.h"

#include "file.h"
#include "i18n.h"
#include "ini.h"
#include "log.h"
#include "str.h"
#include "ticket.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- loading ---- */

enum section { SEC_NONE, SEC_TOPIC, SEC_QUESTION, SEC_OUTCOME, SEC_UNKNOWN };

/* Parse state of one file. Keys seen are bits per section kind so a repeat
 * of a single-valued key is reported with its line. */
struct parse {
    struct ww_flows *flows;
    struct ww_flow_topic *topic; /* the file's topic (slot in flows->topics) */
    const char *file;
    struct ww_diags *d;
    enum section sec;
    int index;     /* question or outcome being filled */
    unsigned seen; /* key bits of the current section */
    bool have_topic;
    int sec_line;
};

/* Grow an array sized by input; false (reported) when memory runs out. */
static bool grow(void **arr, size_t *cap, size_t n, size_t elem, struct parse *p, int line)
{
    if (n < *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 8;
    void *na = realloc(*arr, ncap * elem);
    if (!na) {
        ww_diags_add(p->d, p->file, line, "out of memory");
        return false;
    }
    *arr = na;
    *cap = ncap;
    return true;
}

static bool copy_text(struct parse *p, int line, const char *key, char *dst, size_t size,
                      const char *value)
{
    if (!ww_strlcpy(dst, value, size)) {
        ww_diags_add(p->d, p->file, line, "'%s' is too long (at most %zu bytes)", key, size - 1);
        return false;
    }
    return true;
}

static bool copy_id(struct parse *p, int line, const char *what, char *dst, const char *value)
{
    if (!ww_valid_id(value)) {
        ww_diags_add(p->d, p->file, line, "%s '%s' is not an id (1-31 characters: a-z, 0-9, -)",
                     what, value);
        return false;
    }
    ww_strlcpy(dst, value, WW_ID_SIZE);
    return true;
}

/* Every key of the flow format, described once: parsing (known keys,
 * repeats, required ones), `wegwijzer flow keys` and the test that the
 * sample content uses them all come from this table. */
static const struct flow_key {
    enum section sec;
    const char *key;
    bool required;
    bool repeat;
    const char *help;
} flow_keys[] = {
    {SEC_TOPIC, "title", true, false, "text on the topic button (at most 40 characters)"},
    {SEC_TOPIC, "icon", true, false, "pictogram id: assets/pictograms/ID.svg"},
    {SEC_TOPIC, "order", true, false, "place in the topic grid, 1 to 10"},
    {SEC_TOPIC, "start", true, false, "id of the first question"},
    {SEC_QUESTION, "text", true, false, "the question: one sentence, at most 12 words"},
    {SEC_QUESTION, "explain", false, false, "a line under the question, e.g. an example"},
    {SEC_QUESTION, "answer", true, true,
     "TEXT -> TARGET: a button (at most 40 characters) and the question or outcome it leads "
     "to; 2 to 5 of them"},
    {SEC_QUESTION, "icons", false, false, "pictogram ids, one per answer, separated by commas"},
    {SEC_QUESTION, "dontknow", false, false,
     "where \"Ik weet het niet\" leads (default: the general desk)"},
    {SEC_OUTCOME, "partners", true, false,
     "partner ids (partners.ini) in order of preference, 1 to 3"},
    {SEC_OUTCOME, "why", true, false, "why they can help: one or two sentences"},
    {SEC_OUTCOME, "bring", false, false,
     "documents to bring, separated by ';' (default: the partner's own list)"},
    {SEC_OUTCOME, "alternative", false, false, "what to do when none of them is here"},
    {SEC_OUTCOME, "urgency", false, false,
     "0 normal, 1 soon, 2 deadline, 3 safety (default 0): the most urgent goes first; "
     "3 needs a notice with 112 or Veilig Thuis"},
    {SEC_OUTCOME, "notice", false, true,
     "a line always shown and read aloud, whoever is on site (safety, must-know); up to 4"},
    {SEC_OUTCOME, "notice_ticket", false, false,
     "yes: the notices are printed on the ticket too (only lines a resident may carry on "
     "paper: a ticket never names the topic)"},
};

#define N_FLOW_KEYS (sizeof flow_keys / sizeof flow_keys[0])

/* Bit of a key within its section; 0 for unknown keys. */
static unsigned key_bit(enum section sec, const char *key)
{
    unsigned bit = 1;
    for (size_t i = 0; i < N_FLOW_KEYS; i++) {
        if (flow_keys[i].sec != sec)
            continue;
        if (strcmp(flow_keys[i].key, key) == 0)
            return bit;
        bit <<= 1;
    }
    return 0;
}

static bool key_repeats(enum section sec, const char *key)
{
    for (size_t i = 0; i < N_FLOW_KEYS; i++)
        if (flow_keys[i].sec == sec && strcmp(flow_keys[i].key, key) == 0)
            return flow_keys[i].repeat;
    return false;
}

static const char *section_name(enum section sec)
{
    return sec == SEC_TOPIC ? "topic" : sec == SEC_QUESTION ? "question" : "outcome";
}

void ww_flow_keys_help(FILE *out)
{
    enum section last = SEC_NONE;
    for (size_t i = 0; i < N_FLOW_KEYS; i++) {
        const struct flow_key *k = &flow_keys[i];
        if (k->sec != last) {
            fprintf(out, "%s[%s ID]\n", last == SEC_NONE ? "" : "\n", section_name(k->sec));
            last = k->sec;
        }
        fprintf(out, "  %-12s %-9s %s\n", k->key,
                k->repeat     ? "repeated"
                : k->required ? "required"
                              : "optional",
                k->help);
    }
}

void ww_flow_each_key(void (*fn)(void *ctx, const char *section, const char *key), void *ctx)
{
    for (size_t i = 0; i < N_FLOW_KEYS; i++)
        fn(ctx, section_name(flow_keys[i].sec), flow_keys[i].key);
}

/* Report the required keys a section lacks. */
static void require_keys(struct parse *p, const char *id, int line)
{
    unsigned bit = 1;
    for (size_t i = 0; i < N_FLOW_KEYS; i++) {
        const struct flow_key *k = &flow_keys[i];
        if (k->sec != p->sec)
            continue;
        /* Answers are counted (2 to 5) rather than required. */
        if (k->required && !k->repeat && !(p->seen & bit))
            ww_diags_add(p->d, p->file, line, "[%s %s] needs '%s'", section_name(k->sec), id,
                         k->key);
        bit <<= 1;
    }
}

/* Split "a, b, c" into at most `max` trimmed items of WW_ID_SIZE. Returns
 * the number of items, or -1 when there are more than `max`. */
static int split_ids(const char *value, char out[][WW_ID_SIZE], int max)
{
    char buf[WW_TEXT_SIZE];
    ww_strlcpy(buf, value, sizeof buf);
    int n = 0;
    char *s = buf;
    while (s) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        char *item = ww_trim(s);
        if (*item) {
            if (n == max)
                return -1;
            if (!ww_strlcpy(out[n], item, WW_ID_SIZE))
                out[n][0] = '\0'; /* too long: reported as a bad id by the caller */
            n++;
        }
        s = comma ? comma + 1 : NULL;
    }
    return n;
}

static void end_section(struct parse *p)
{
    struct ww_flow_topic *t = p->topic;
    if (p->sec == SEC_TOPIC) {
        require_keys(p, t->id, p->sec_line);
    } else if (p->sec == SEC_QUESTION) {
        struct ww_flow_question *q = &t->questions[p->index];
        require_keys(p, q->id, q->line);
        /* More than five were reported as they came; keep the stored ones. */
        if (q->n_answers > WW_FLOW_MAX_ANSWERS)
            q->n_answers = WW_FLOW_MAX_ANSWERS;
        if (q->n_answers < WW_FLOW_MIN_ANSWERS)
            ww_diags_add(p->d, p->file, q->line, "question '%s' has %zu answer%s (it needs 2 to 5)",
                         q->id, q->n_answers, q->n_answers == 1 ? "" : "s");
        if (q->n_icons && q->n_icons != q->n_answers)
            ww_diags_add(p->d, p->file, q->icons_line,
                         "'icons' names %zu pictogram%s for %zu answers (one per answer)",
                         q->n_icons, q->n_icons == 1 ? "" : "s", q->n_answers);
    } else if (p->sec == SEC_OUTCOME) {
        struct ww_flow_outcome *o = &t->outcomes[p->index];
        require_keys(p, o->id, o->line);
    }
    p->sec = SEC_NONE;
    p->seen = 0;
}

/* Is `id` already a question or outcome of the topic? Returns its line. */
static int id_line(const struct ww_flow_topic *t, const char *id)
{
    for (size_t i = 0; i < t->n_questions; i++)
        if (strcmp(t->questions[i].id, id) == 0)
            return t->questions[i].line;
    for (size_t i = 0; i < t->n_outcomes; i++)
        if (strcmp(t->outcomes[i].id, id) == 0)
            return t->outcomes[i].line;
    return 0;
}

static size_t q_cap(const struct ww_flow_topic *t)
{
    /* Capacities are kept implicitly: arrays grow in powers of two from 8. */
    size_t c = 8;
    while (c < t->n_questions)
        c *= 2;
    return t->n_questions ? c : 0;
}

static size_t o_cap(const struct ww_flow_topic *t)
{
    size_t c = 8;
    while (c < t->n_outcomes)
        c *= 2;
    return t->n_outcomes ? c : 0;
}

static bool on_section(struct parse *p, const struct ww_ini_item *it)
{
    struct ww_flow_topic *t = p->topic;
    if (p->sec != SEC_NONE && p->sec != SEC_UNKNOWN)
        end_section(p);
    p->sec = SEC_UNKNOWN;
    p->seen = 0;
    p->sec_line = it->line;
    enum section kind = strcmp(it->section, "topic") == 0      ? SEC_TOPIC
                        : strcmp(it->section, "question") == 0 ? SEC_QUESTION
                        : strcmp(it->section, "outcome") == 0  ? SEC_OUTCOME
                                                               : SEC_UNKNOWN;
    if (kind == SEC_UNKNOWN) {
        ww_diags_add(p->d, p->file, it->line,
                     "unknown section [%s] (use [topic ID], [question ID] or [outcome ID])",
                     it->section);
        return true;
    }
    if (!*it->arg) {
        ww_diags_add(p->d, p->file, it->line, "[%s] needs an id: [%s ID]", it->section,
                     it->section);
        return true;
    }
    if (kind == SEC_TOPIC) {
        if (p->have_topic) {
            ww_diags_add(p->d, p->file, it->line, "a second [topic] (one topic per file)");
            return true;
        }
        p->have_topic = true;
        if (!copy_id(p, it->line, "topic", t->id, it->arg))
            ww_strlcpy(t->id, "?", sizeof t->id);
        t->line = it->line;
        p->sec = SEC_TOPIC;
        return true;
    }
    if (!p->have_topic)
        ww_diags_add(p->d, p->file, it->line, "[%s %s] before [topic ID]: the topic comes first",
                     it->section, it->arg);
    char id[WW_ID_SIZE];
    if (!copy_id(p, it->line, it->section, id, it->arg))
        return true;
    int first = id_line(t, id);
    if (first) {
        ww_diags_add(p->d, p->file, it->line, "id '%s' is used twice (first at line %d)", id,
                     first);
        return true;
    }
    if (t->n_questions + t->n_outcomes >= WW_FLOW_MAX_NODES) {
        /* A content author reads a flow as a whole; thousands of nodes are
         * a generated or broken file, and would only slow the start. */
        ww_diags_add(p->d, p->file, it->line,
                     "more than %d questions and outcomes in one flow file: the rest is not read",
                     WW_FLOW_MAX_NODES);
        t->cut = true;
        return false;
    }
    if (kind == SEC_QUESTION) {
        size_t cap = q_cap(t);
        if (!grow((void **)&t->questions, &cap, t->n_questions, sizeof *t->questions, p, it->line))
            return false;
        struct ww_flow_question *q = &t->questions[t->n_questions];
        memset(q, 0, sizeof *q);
        ww_strlcpy(q->id, id, sizeof q->id);
        q->line = it->line;
        q->dontknow = (struct ww_flow_ref){WW_NODE_OUTCOME, WW_FLOW_GENERAL};
        p->index = (int)t->n_questions++;
    } else {
        size_t cap = o_cap(t);
        if (!grow((void **)&t->outcomes, &cap, t->n_outcomes, sizeof *t->outcomes, p, it->line))
            return false;
        struct ww_flow_outcome *o = &t->outcomes[t->n_outcomes];
        memset(o, 0, sizeof *o);
        ww_strlcpy(o->id, id, sizeof o->id);
        o->line = it->line;
        p->index = (int)t->n_outcomes++;
    }
    p->sec = kind;
    return true;
}

static void on_topic_key(struct parse *p, const struct ww_ini_item *it)
{
    struct ww_flow_topic *t = p->topic;
    const char *k = it->key, *v = it->value;
    if (strcmp(k, "title") == 0) {
        t->title_line = it->line;
        copy_text(p, it->line, k, t->title, sizeof t->title, v);
    } else if (strcmp(k, "icon") == 0) {
        t->icon_line = it->line;
        copy_id(p, it->line, "icon", t->icon, v);
    } else if (strcmp(k, "order") == 0) {
        long n;
        if (!ww_parse_int(v, 1, WW_FLOW_MAX_TOPICS, &n))
            ww_diags_add(p->d, p->file, it->line, "order '%s' is not a number from 1 to %d", v,
                         WW_FLOW_MAX_TOPICS);
        else
            t->order = (int)n;
    } else if (strcmp(k, "start") == 0) {
        t->start_line = it->line;
        copy_id(p, it->line, "start", t->start_id, v);
    }
}

static void on_question_key(struct parse *p, const struct ww_ini_item *it)
{
    struct ww_flow_question *q = &p->topic->questions[p->index];
    const char *k = it->key, *v = it->value;
    if (strcmp(k, "text") == 0) {
        q->text_line = it->line;
        copy_text(p, it->line, k, q->text, sizeof q->text, v);
    } else if (strcmp(k, "explain") == 0) {
        q->explain_line = it->line;
        copy_text(p, it->line, k, q->explain, sizeof q->explain, v);
    } else if (strcmp(k, "answer") == 0) {
        if (q->n_answers == WW_FLOW_MAX_ANSWERS) {
            ww_diags_add(p->d, p->file, it->line,
                         "question '%s' has more than %d answers (it needs 2 to 5)", q->id,
                         WW_FLOW_MAX_ANSWERS);
            q->n_answers++; /* counted, not stored: end_section stays quiet */
            return;
        }
        if (q->n_answers > WW_FLOW_MAX_ANSWERS)
            return;
        const char *arrow = strstr(v, "->");
        struct ww_flow_answer *a = &q->answers[q->n_answers];
        memset(a, 0, sizeof *a);
        a->line = it->line;
        q->n_answers++;
        if (!arrow) {
            ww_diags_add(p->d, p->file, it->line, "answer needs 'TEXT -> TARGET'");
            return;
        }
        /* The last arrow separates: answer texts never contain one. */
        for (const char *n; (n = strstr(arrow + 2, "->"));)
            arrow = n;
        char text[WW_FLOW_BUTTON + 1];
        size_t len = (size_t)(arrow - v);
        if (len >= sizeof text) {
            ww_diags_add(p->d, p->file, it->line, "answer text is too long");
            return;
        }
        memcpy(text, v, len);
        text[len] = '\0';
        char *tt = ww_trim(text);
        char target[64];
        ww_strlcpy(target, arrow + 2, sizeof target);
        char *tg = ww_trim(target);
        if (!*tt) {
            ww_diags_add(p->d, p->file, it->line, "answer has no text before '->'");
            return;
        }
        ww_strlcpy(a->text, tt, sizeof a->text);
        copy_id(p, it->line, "answer target", a->target_id, tg);
    } else if (strcmp(k, "icons") == 0) {
        char ids[WW_FLOW_MAX_ANSWERS][WW_ID_SIZE];
        int n = split_ids(v, ids, WW_FLOW_MAX_ANSWERS);
        q->icons_line = it->line;
        if (n < 0) {
            ww_diags_add(p->d, p->file, it->line, "'icons' names more than %d pictograms",
                         WW_FLOW_MAX_ANSWERS);
            return;
        }
        q->n_icons = (size_t)n;
        for (int i = 0; i < n; i++)
            copy_id(p, it->line, "pictogram", q->answers[i].icon, ids[i]);
    } else if (strcmp(k, "dontknow") == 0) {
        q->dontknow_line = it->line;
        copy_id(p, it->line, "dontknow target", q->dontknow_id, v);
    }
}

static void on_outcome_key(struct parse *p, const struct ww_ini_item *it)
{
    struct ww_flow_outcome *o = &p->topic->outcomes[p->index];
    const char *k = it->key, *v = it->value;
    if (strcmp(k, "partners") == 0) {
        o->partners_line = it->line;
        int n = split_ids(v, o->partners, WW_FLOW_MAX_PARTNERS);
        if (n < 1) {
            ww_diags_add(p->d, p->file, it->line, "'partners' names %s (it needs 1 to %d)",
                         n < 0 ? "more than 3" : "none", WW_FLOW_MAX_PARTNERS);
            return;
        }
        o->n_partners = (size_t)n;
        for (int i = 0; i < n; i++) {
            if (!ww_valid_id(o->partners[i]))
                ww_diags_add(p->d, p->file, it->line, "partner '%s' is not an id", o->partners[i]);
            for (int j = 0; j < i; j++)
                if (strcmp(o->partners[i], o->partners[j]) == 0)
                    ww_diags_add(p->d, p->file, it->line, "partner '%s' is named twice",
                                 o->partners[i]);
        }
    } else if (strcmp(k, "why") == 0) {
        o->why_line = it->line;
        copy_text(p, it->line, k, o->why, sizeof o->why, v);
    } else if (strcmp(k, "bring") == 0) {
        o->bring_line = it->line;
        copy_text(p, it->line, k, o->bring, sizeof o->bring, v);
    } else if (strcmp(k, "alternative") == 0) {
        o->alternative_line = it->line;
        copy_text(p, it->line, k, o->alternative, sizeof o->alternative, v);
    } else if (strcmp(k, "notice") == 0) {
        if (o->n_notices == WW_FLOW_MAX_NOTICES) {
            ww_diags_add(p->d, p->file, it->line, "outcome '%s' has more than %d notices", o->id,
                         WW_FLOW_MAX_NOTICES);
            return;
        }
        if (copy_text(p, it->line, k, o->notices[o->n_notices], WW_FLOW_TEXT, v)) {
            o->notice_lines[o->n_notices] = it->line;
            o->n_notices++;
        }
    } else if (strcmp(k, "notice_ticket") == 0) {
        if (!ww_parse_bool(v, &o->notice_ticket))
            ww_diags_add(p->d, p->file, it->line, "notice_ticket '%s' must be yes or no", v);
    } else if (strcmp(k, "urgency") == 0) {
        long n;
        if (!ww_parse_int(v, 0, 3, &n))
            ww_diags_add(p->d, p->file, it->line,
                         "urgency '%s' must be 0 (normal), 1 (soon), 2 (deadline) or 3 (safety)",
                         v);
        else
            o->urgency = (int)n;
    }
}

static bool on_item(void *ctx, const struct ww_ini_item *it)
{
    struct parse *p = ctx;
    if (it->kind == WW_INI_SECTION)
        return on_section(p, it);
    if (p->sec == SEC_UNKNOWN)
        return true; /* reported at the header */
    if (p->sec == SEC_NONE) {
        ww_diags_add(p->d, p->file, it->line, "'%s' outside a section", it->key);
        return true;
    }
    unsigned bit = key_bit(p->sec, it->key);
    if (!bit) {
        ww_diags_add(p->d, p->file, it->line, "unknown key '%s' in [%s]", it->key,
                     section_name(p->sec));
        return true;
    }
    bool repeatable = key_repeats(p->sec, it->key);
    if ((p->seen & bit) && !repeatable) {
        ww_diags_add(p->d, p->file, it->line, "'%s' is given twice in this section", it->key);
        return true;
    }
    p->seen |= bit;
    if (p->sec == SEC_TOPIC)
        on_topic_key(p, it);
    else if (p->sec == SEC_QUESTION)
        on_question_key(p, it);
    else
        on_outcome_key(p, it);
    return true;
}

/* Find a question or outcome by id in a topic. */
static struct ww_flow_ref find_ref(const struct ww_flow_topic *t, const char *id)
{
    for (size_t i = 0; i < t->n_questions; i++)
        if (strcmp(t->questions[i].id, id) == 0)
            return (struct ww_flow_ref){WW_NODE_QUESTION, (int)i};
    for (size_t i = 0; i < t->n_outcomes; i++)
        if (strcmp(t->outcomes[i].id, id) == 0)
            return (struct ww_flow_ref){WW_NODE_OUTCOME, (int)i};
    return (struct ww_flow_ref){WW_NODE_NONE, -1};
}

/* Depth-first walk that computes depths and reports loops, with an explicit
 * stack (a flow file decides how deep it goes: recursion would let a long
 * chain of questions overflow the C stack). colour: 0 new, 1 on the path,
 * 2 done. path[0..n_path) holds the questions on the current path, so a loop
 * can be named; next[k] is the answer slot of path[k] to follow next
 * (n_answers: dontknow) and best[k] the deepest way out found so far. */
struct walk {
    const struct ww_flow_topic *t;
    struct ww_diags *d;
    unsigned char *colour;
    int *path, *next, *best;
    int n_path;
};

/* The target of answer slot i of q (the last slot: dontknow), or NULL after
 * the last slot. */
static const struct ww_flow_ref *slot_target(const struct ww_flow_question *q, int i, int *line)
{
    size_t n = q->n_answers < WW_FLOW_MAX_ANSWERS ? q->n_answers : WW_FLOW_MAX_ANSWERS;
    if (i < 0 || (size_t)i > n)
        return NULL;
    if ((size_t)i == n) {
        *line = q->dontknow_line ? q->dontknow_line : q->line;
        return &q->dontknow;
    }
    *line = q->answers[i].line;
    return &q->answers[i].target;
}

static void report_loop(struct walk *w, int to, int line)
{
    char loop[WW_TEXT_SIZE] = "";
    size_t used = 0;
    int from = w->n_path - 1;
    while (from > 0 && w->path[from] != to)
        from--;
    for (int k = from; k < w->n_path; k++) {
        int n = snprintf(loop + used, sizeof loop - used, "%s -> ", w->t->questions[w->path[k]].id);
        if (n < 0 || (size_t)n >= sizeof loop - used)
            break;
        used += (size_t)n;
    }
    ww_diags_add(w->d, w->t->file, line,
                 "loop without a way out: %s%s (every path must end in an outcome)", loop,
                 w->t->questions[to].id);
}

static void walk_from(struct walk *w, int root)
{
    struct ww_flow_question *qs = w->t->questions;
    if (w->colour[root] != 0)
        return;
    w->colour[root] = 1;
    w->path[0] = root;
    w->next[0] = 0;
    w->best[0] = 0;
    w->n_path = 1;
    while (w->n_path > 0) {
        int k = w->n_path - 1, qi = w->path[k], line;
        const struct ww_flow_ref *r = slot_target(&qs[qi], w->next[k]++, &line);
        if (!r) {
            /* Every way out of qi is known: its depth, then back up. */
            qs[qi].depth = w->best[k] + 1;
            w->colour[qi] = 2;
            w->n_path--;
            if (k > 0 && qs[qi].depth > w->best[k - 1])
                w->best[k - 1] = qs[qi].depth;
            continue;
        }
        if (r->kind != WW_NODE_QUESTION)
            continue;
        if (w->colour[r->index] == 1) {
            report_loop(w, r->index, line);
        } else if (w->colour[r->index] == 2) {
            if (qs[r->index].depth > w->best[k])
                w->best[k] = qs[r->index].depth;
        } else {
            /* At most n_questions on the path: each is on it once. */
            w->colour[r->index] = 1;
            w->path[w->n_path] = r->index;
            w->next[w->n_path] = 0;
            w->best[w->n_path] = 0;
            w->n_path++;
        }
    }
}

/* Mark every question and outcome reachable from r (a work list, not
 * recursion: see walk_from). `todo` has room for every question. */
static void mark_reach(const struct ww_flow_topic *t, struct ww_flow_ref r, unsigned char *qseen,
                       unsigned char *oseen, int *todo)
{
    if (r.kind == WW_NODE_OUTCOME && r.index >= 0)
        oseen[r.index] = 1;
    if (r.kind != WW_NODE_QUESTION || qseen[r.index])
        return;
    qseen[r.index] = 1;
    size_t n = 0;
    todo[n++] = r.index;
    while (n > 0) {
        const struct ww_flow_question *q = &t->questions[todo[--n]];
        int line;
        const struct ww_flow_ref *x;
        for (int i = 0; (x = slot_target(q, i, &line)) != NULL; i++) {
            if (x->kind == WW_NODE_OUTCOME && x->index >= 0) {
                oseen[x->index] = 1;
            } else if (x->kind == WW_NODE_QUESTION && !qseen[x->index]) {
                qseen[x->index] = 1; /* each question goes on the list once */
                todo[n++] = x->index;
            }
        }
    }
}

/* A path longer than a resident can answer (the session keeps at most
 * WW_FLOW_MAX_DEPTH answers): reported once per topic, at the question that
 * starts the longest one, with the chain named by its ends. */
static void check_depth(const struct ww_flow_topic *t, struct ww_diags *d)
{
    int deepest = -1;
    for (size_t qi = 0; qi < t->n_questions; qi++)
        if (deepest < 0 || t->questions[qi].depth > t->questions[deepest].depth)
            deepest = (int)qi;
    if (deepest < 0 || t->questions[deepest].depth <= WW_FLOW_MAX_DEPTH)
        return;
    char chain[WW_TEXT_SIZE] = "";
    size_t used = 0;
    int steps = 0, qi = deepest, total = t->questions[deepest].depth;
    /* Follow the answers that go one question less deep, to the last. */
    while (qi >= 0) {
        const struct ww_flow_question *q = &t->questions[qi];
        if (steps < 4 || q->depth <= 2) {
            int n = snprintf(chain + used, sizeof chain - used, "%s%s", steps ? " -> " : "", q->id);
            if (n > 0 && (size_t)n < sizeof chain - used)
                used += (size_t)n;
        } else if (steps == 4) {
            int n = snprintf(chain + used, sizeof chain - used, " -> ...");
            if (n > 0 && (size_t)n < sizeof chain - used)
                used += (size_t)n;
        }
        steps++;
        int down = -1, line;
        for (int i = 0;; i++) {
            const struct ww_flow_ref *x = slot_target(q, i, &line);
            if (!x)
                break;
            if (x->kind == WW_NODE_QUESTION && t->questions[x->index].depth == q->depth - 1) {
                down = x->index;
                break;
            }
        }
        qi = down;
    }
    ww_diags_add(d, t->file, t->questions[deepest].line,
                 "a path of %d questions starts at '%s' (at most %d): %s", total,
                 t->questions[deepest].id, WW_FLOW_MAX_DEPTH, chain);
}

static void resolve_topic(struct ww_flow_topic *t, const struct ww_config *cfg, struct ww_diags *d)
{
    const char *f = t->file;
    /* A file read only in part would report every answer into the unread
     * part; its one problem is already said. Its targets stay unresolved. */
    if (t->cut)
        return;
    /* Targets. */
    for (size_t qi = 0; qi < t->n_questions; qi++) {
        struct ww_flow_question *q = &t->questions[qi];
        for (size_t i = 0; i < q->n_answers && i < WW_FLOW_MAX_ANSWERS; i++) {
            struct ww_flow_answer *a = &q->answers[i];
            if (!a->target_id[0])
                continue; /* reported while parsing */
            a->target = find_ref(t, a->target_id);
            if (a->target.kind == WW_NODE_NONE)
                ww_diags_add(d, f, a->line,
                             "answer leads to '%s', which is no question or outcome in this file",
                             a->target_id);
        }
        if (q->dontknow_id[0]) {
            q->dontknow = find_ref(t, q->dontknow_id);
            if (q->dontknow.kind == WW_NODE_NONE)
                ww_diags_add(d, f, q->dontknow_line,
                             "dontknow leads to '%s', which is no question or outcome in this file",
                             q->dontknow_id);
        }
    }
    if (t->start_id[0]) {
        t->start = find_ref(t, t->start_id);
        if (t->start.kind != WW_NODE_QUESTION)
            ww_diags_add(d, f, t->start_line, "start '%s' is no question in this file",
                         t->start_id);
    }
    /* Partners. */
    for (size_t oi = 0; oi < t->n_outcomes; oi++) {
        struct ww_flow_outcome *o = &t->outcomes[oi];
        for (size_t i = 0; i < o->n_partners; i++) {
            if (!cfg) {
                o->partner_ok[i] = false;
                continue;
            }
            o->partner_ok[i] = ww_config_partner(cfg, o->partners[i], &o->partner[i]) != NULL;
            if (!o->partner_ok[i] && ww_valid_id(o->partners[i]))
                ww_diags_add(d, f, o->partners_line, "unknown partner '%s' (not in partners.ini)",
                             o->partners[i]);
        }
    }
    /* Loops and depths. */
    if (t->n_questions) {
        size_t n = t->n_questions;
        struct walk w = {t,
                         d,
                         calloc(n, 1),
                         calloc(n, sizeof(int)),
                         calloc(n, sizeof(int)),
                         calloc(n, sizeof(int)),
                         0};
        if (!w.colour || !w.path || !w.next || !w.best) {
            ww_diags_add(d, f, 0, "out of memory");
        } else {
            for (size_t qi = 0; qi < n; qi++)
                walk_from(&w, (int)qi);
            check_depth(t, d);
        }
        free(w.colour);
        free(w.path);
        free(w.next);
        free(w.best);
    }
    /* Reachability from the start. */
    if (t->start.kind == WW_NODE_QUESTION) {
        unsigned char *qs = calloc(t->n_questions + 1, 1), *os = calloc(t->n_outcomes + 1, 1);
        int *todo = calloc(t->n_questions + 1, sizeof(int));
        if (qs && os && todo) {
            mark_reach(t, t->start, qs, os, todo);
            for (size_t i = 0; i < t->n_questions; i++)
                if (!qs[i])
                    ww_diags_add(d, f, t->questions[i].line,
                                 "question '%s' is never reached from start '%s'",
                                 t->questions[i].id, t->start_id);
            for (size_t i = 0; i < t->n_outcomes; i++)
                if (!os[i])
                    ww_diags_add(d, f, t->outcomes[i].line,
                                 "outcome '%s' is never reached from start '%s'", t->outcomes[i].id,
                                 t->start_id);
        }
        free(qs);
        free(os);
        free(todo);
    }
}

/* Problems found in several passes read best in file and line order. A
 * stable insertion sort: the list is short and equal lines keep their order;
 * file-wide problems (line 0) go last within their file. */
static void sort_diags(struct ww_diags *d, size_t from)
{
    for (size_t i = from + 1; i < d->count; i++) {
        struct ww_diag x = d->items[i];
        size_t j = i;
        while (j > from) {
            const struct ww_diag *y = &d->items[j - 1];
            int c = strcmp(y->file, x.file);
            int xl = x.line ? x.line : 1 << 30, yl = y->line ? y->line : 1 << 30;
            if (c < 0 || (c == 0 && yl <= xl))
                break;
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_topics(const void *a, const void *b)
{
    const struct ww_flow_topic *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->id, y->id);
}

static void init_general(struct ww_flow_outcome *g)
{
    memset(g, 0, sizeof *g);
    ww_strlcpy(g->id, WW_FLOW_GENERAL_ID, sizeof g->id);
    g->general = true;
    ww_strlcpy(g->why, N_("Hulp bij de algemene balie"), sizeof g->why);
}

static void topic_free(struct ww_flow_topic *t)
{
    free(t->questions);
    free(t->outcomes);
    t->questions = NULL;
    t->outcomes = NULL;
}

/* Parse one file's text (or, with text NULL, the file itself) into the
 * next topic slot. */
static bool load_one(struct ww_flows *flows, size_t *cap, const char *path, const char *text,
                     size_t len, struct ww_diags *d)
{
    size_t before = d->count;
    struct parse p = {.flows = flows, .file = path, .d = d};
    if (flows->n_topics == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        void *na = realloc(flows->topics, ncap * sizeof *flows->topics);
        if (!na) {
            ww_diags_add(d, path, 0, "out of memory");
            return false;
        }
        flows->topics = na;
        *cap = ncap;
    }
    struct ww_flow_topic *t = &flows->topics[flows->n_topics];
    memset(t, 0, sizeof *t);
    ww_strlcpy(t->file, path, sizeof t->file);
    p.topic = t;
    bool parsed = text ? ww_ini_parse(text, len, path, d, on_item, &p)
                       : ww_ini_parse_file(path, d, on_item, &p);
    if (!parsed && d->count == before) {
        ww_diags_add(d, path, 0, "cannot read: %s", ww_file_strerror(errno));
        topic_free(t);
        return false;
    }
    if (p.sec != SEC_NONE && p.sec != SEC_UNKNOWN)
        end_section(&p);
    if (!p.have_topic) {
        ww_diags_add(d, path, 0, "no [topic ID] section");
        topic_free(t);
        return false;
    }
    flows->n_topics++;
    return true;
}

/* A municipal partner that an outcome sends residents to must have details
 * of its own at every location (ww_config_check_route); reported once per
 * partner, naming the first outcome that routes there. */
static void check_municipal_routes(const struct ww_flows *flows, const struct ww_config *cfg,
                                   struct ww_diags *d)
{
    for (size_t pi = 0; pi < cfg->n_partners; pi++) {
        if (!cfg->partners[pi].municipal)
            continue;
        const struct ww_flow_topic *at = NULL;
        int line = 0;
        for (size_t ti = 0; ti < flows->n_topics && !at; ti++) {
            const struct ww_flow_topic *t = &flows->topics[ti];
            for (size_t oi = 0; oi < t->n_outcomes && !at; oi++)
                for (size_t i = 0; i < t->outcomes[oi].n_partners; i++)
                    if (t->outcomes[oi].partner_ok[i] && t->outcomes[oi].partner[i] == pi) {
                        at = t;
                        line = t->outcomes[oi].partners_line;
                        break;
                    }
        }
        if (!at)
            continue;
        char where[WW_PATH_SIZE + 16];
        ww_fmt(where, sizeof where, "%s:%d", at->file, line);
        ww_config_check_route(cfg, pi, where, d);
    }
}

/* After every file is read: targets, partners, loops, reachability, and
 * what must be unique across files. */
static void finish_load(struct ww_flows *flows, const struct ww_config *cfg, struct ww_diags *d,
                        size_t before)
{
    for (size_t i = 0; i < flows->n_topics; i++)
        resolve_topic(&flows->topics[i], cfg, d);
    for (size_t i = 0; i < flows->n_topics; i++) {
        const struct ww_flow_topic *a = &flows->topics[i];
        for (size_t j = 0; j < i; j++) {
            const struct ww_flow_topic *b = &flows->topics[j];
            if (strcmp(a->id, b->id) == 0)
                ww_diags_add(d, a->file, a->line, "topic '%s' is also defined in %s:%d", a->id,
                             b->file, b->line);
            else if (a->order && a->order == b->order)
                ww_diags_add(d, a->file, a->line, "order %d is also used by topic '%s' (%s)",
                             a->order, b->id, b->file);
        }
    }
    if (cfg)
        check_municipal_routes(flows, cfg, d);
    if (flows->n_topics > 1)
        qsort(flows->topics, flows->n_topics, sizeof *flows->topics, cmp_topics);
    sort_diags(d, before);
}

bool ww_flows_load_text(struct ww_flows *flows, const char *text, size_t len, const char *name,
                        const struct ww_config *cfg, struct ww_diags *d)
{
    memset(flows, 0, sizeof *flows);
    init_general(&flows->general);
    size_t before = d->count, cap = 0;
    load_one(flows, &cap, name, text, len, d);
    finish_load(flows, cfg, d, before);
    return d->count == before;
}

bool ww_flows_load(struct ww_flows *flows, const char *dir, const struct ww_config *cfg,
                   struct ww_diags *d)
{
    memset(flows, 0, sizeof *flows);
    init_general(&flows->general);
    size_t before = d->count;
    DIR *dh = opendir(dir);
    if (!dh) {
        ww_diags_add(d, dir, 0, "cannot open the flows folder: %s", ww_errno_text(errno));
        return false;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    bool ok = true;
    while ((e = readdir(dh))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || e->d_name[0] == '.' || strcmp(e->d_name + len - 5, ".flow") != 0)
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **nn = realloc(names, ncap * sizeof *names);
            if (!nn) {
                ok = false;
                break;
            }
            names = nn;
            cap = ncap;
        }
        char path[WW_PATH_SIZE];
        if (!ww_fmt(path, sizeof path, "%s/%s", dir, e->d_name) || !(names[n] = strdup(path))) {
            ww_diags_add(d, dir, 0, "file name too long: %s", e->d_name);
            continue;
        }
        n++;
    }
    closedir(dh);
    if (!ok)
        ww_diags_add(d, dir, 0, "out of memory");
    if (names)
        qsort(names, n, sizeof *names, cmp_names);
    if (n == 0 && ok)
        ww_diags_add(d, dir, 0, "no *.flow files");
    size_t tcap = 0;
    for (size_t i = 0; i < n; i++) {
        load_one(flows, &tcap, names[i], NULL, 0, d);
        free(names[i]);
    }
    free(names);
    finish_load(flows, cfg, d, before);
    return d->count == before;
}

void ww_flows_destroy(struct ww_flows *flows)
{
    for (size_t i = 0; i < flows->n_topics; i++)
        topic_free(&flows->topics[i]);
    free(flows->topics);
    flows->topics = NULL;
    flows->n_topics = 0;
}

/* ---- look-ups ---- */

const struct ww_flow_topic *ww_flows_topic(const struct ww_flows *flows, const char *id, int *index)
{
    for (size_t i = 0; i < flows->n_topics; i++)
        if (strcmp(flows->topics[i].id, id) == 0) {
            if (index)
                *index = (int)i;
            return &flows->topics[i];
        }
    if (index)
        *index = -1;
    return NULL;
}

const struct ww_flow_question *ww_flows_question(const struct ww_flows *flows, int topic,
                                                 int question)
{
    if (topic < 0 || (size_t)topic >= flows->n_topics)
        return NULL;
    const struct ww_flow_topic *t = &flows->topics[topic];
    if (question < 0 || (size_t)question >= t->n_questions)
        return NULL;
    return &t->questions[question];
}

const struct ww_flow_outcome *ww_flows_outcome(const struct ww_flows *flows, int topic, int outcome)
{
    if (outcome == WW_FLOW_GENERAL)
        return &flows->general;
    if (topic < 0 || (size_t)topic >= flows->n_topics)
        return NULL;
    const struct ww_flow_topic *t = &flows->topics[topic];
    if (outcome < 0 || (size_t)outcome >= t->n_outcomes)
        return NULL;
    return &t->outcomes[outcome];
}

void ww_flows_each_text(const struct ww_flows *flows, ww_flow_text_fn fn, void *ctx)
{
    for (size_t i = 0; i < flows->n_topics; i++) {
        const struct ww_flow_topic *t = &flows->topics[i];
        const char *f = t->file;
        /* In file order: the topic first, then questions and outcomes by line. */
        if (t->title[0])
            fn(ctx, t->title, "topic title", f, t->title_line);
        size_t qi = 0, oi = 0;
        while (qi < t->n_questions || oi < t->n_outcomes) {
            bool take_q = oi >= t->n_outcomes ||
                          (qi < t->n_questions && t->questions[qi].line < t->outcomes[oi].line);
            if (take_q) {
                const struct ww_flow_question *q = &t->questions[qi++];
                if (q->text[0])
                    fn(ctx, q->text, "question", f, q->text_line);
                if (q->explain[0])
                    fn(ctx, q->explain, "explanation", f, q->explain_line);
                for (size_t a = 0; a < q->n_answers && a < WW_FLOW_MAX_ANSWERS; a++)
                    if (q->answers[a].text[0])
                        fn(ctx, q->answers[a].text, "answer button", f, q->answers[a].line);
            } else {
                const struct ww_flow_outcome *o = &t->outcomes[oi++];
                for (size_t k = 0; k < o->n_notices; k++)
                    fn(ctx, o->notices[k], "notice", f, o->notice_lines[k]);
                if (o->why[0])
                    fn(ctx, o->why, "why", f, o->why_line);
                char buf[WW_TEXT_SIZE];
                const char *items[WW_VIEW_MAX_BRING];
                size_t n = ww_bring_items(o->bring, buf, sizeof buf, items, WW_VIEW_MAX_BRING);
                for (size_t k = 0; k < n; k++)
                    fn(ctx, items[k], "what to bring", f, o->bring_line);
                if (o->alternative[0])
                    fn(ctx, o->alternative, "alternative", f, o->alternative_line);
            }
        }
    }
}

/* ---- B1 checks ---- */

size_t ww_utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Decode one UTF-8 sequence; returns its length (1 for a stray byte). */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
    unsigned v = n == 4 ? s[0] & 0x07u : n == 3 ? s[0] & 0x0Fu : s[0] & 0x1Fu;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = s[0];
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    *cp = n == 1 ? s[0] : v;
    return n;
}

static bool combining(unsigned cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0610 && cp <= 0x061A) ||
           (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED) ||
           (cp >= 0x0483 && cp <= 0x0489) || cp == 0x200C || cp == 0x200D;
}

size_t ww_text_chars(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        unsigned cp;
        p += utf8_next(p, &cp);
        n += !combining(cp);
    }
    return n;
}

static bool is_word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

int ww_flow_words(const char *s, const char *end)
{
    int n = 0;
    bool in = false;
    for (; s < end && *s; s++) {
        if (isspace((unsigned char)*s)) {
            in = false;
        } else if (!in) {
            /* A token counts as a word when it holds a letter or digit. */
            const char *t = s;
            bool word = false;
            for (; t < end && *t && !isspace((unsigned char)*t); t++)
                word = word || is_word_byte((unsigned char)*t);
            if (word)
                n++;
            in = true;
        }
    }
    return n;
}

/* Abbreviations residents trip over. Also any token of single letters each
 * followed by a dot ("d.w.z."). */
static const char *const abbreviations[] = {
    "bijv.",  "bv.",    "o.a.", "i.p.v.", "z.s.m.", "etc.",  "evt.",   "enz.",   "d.w.z.",
    "m.b.t.", "t.a.v.", "ca.",  "nr.",    "incl.",  "excl.", "a.u.b.", "i.v.m.", "o.b.v.",
    "t.z.t.", "vnl.",   "mbt",  "ivm",    "ipv",    "zsm",   NULL};

const char *ww_flow_abbreviation(const char *text, char *found, size_t size)
{
    const char *s = text;
    while (*s) {
        while (*s && isspace((unsigned char)*s))
            s++;
        const char *start = s;
        while (*s && !isspace((unsigned char)*s))
            s++;
        size_t len = (size_t)(s - start);
        if (!len)
            continue;
        char tok[32];
        if (len >= sizeof tok)
            continue;
        /* Lower case, without leading brackets and trailing , ; : ) */
        size_t k = 0;
        for (size_t i = 0; i < len; i++)
            tok[k++] = (char)tolower((unsigned char)start[i]);
        tok[k] = '\0';
        char *t = tok;
        while (*t == '(' || *t == '"')
            t++;
        k = strlen(t);
        while (k && strchr(",;:)\"", t[k - 1]))
            t[--k] = '\0';
        bool hit = false;
        for (size_t i = 0; abbreviations[i] && !hit; i++)
            hit = strcmp(t, abbreviations[i]) == 0;
        /* Letter-dot pairs, twice or more: "o.a.", "d.w.z.". */
        if (!hit && k >= 4 && k % 2 == 0) {
            bool pattern = true;
            for (size_t i = 0; i < k && pattern; i += 2)
                pattern = isalpha((unsigned char)t[i]) && t[i + 1] == '.';
            hit = pattern;
        }
        if (hit) {
            if (found)
                ww_strlcpy(found, t, size);
            return start;
        }
    }
    return NULL;
}

struct check {
    const struct ww_flow_check_params *p;
    struct ww_diags *err, *warn;
};

static void check_sentences(struct check *c, const char *file, int line, const char *what,
                            const char *text)
{
    const char *s = text;
    while (*s) {
        /* A sentence ends at . ? ! followed by a space or the end ("8.30"
         * and "0800-2000." stay whole). */
        const char *e = s;
        while (*e && !(strchr(".?!", *e) && (e[1] == '\0' || isspace((unsigned char)e[1]))))
            e++;
        const char *end = *e ? e + 1 : e;
        int words = ww_flow_words(s, end), commas = 0;
        for (const char *k = s; k < end; k++)
            commas += *k == ',';
        if (words > 12)
            ww_diags_add(c->warn, file, line,
                         "warning: %s has a sentence of %d words (B1: at most 12)", what, words);
        if (commas > 1)
            ww_diags_add(c->warn, file, line,
                         "warning: %s has a sentence with %d commas (B1: at most 1)", what, commas);
        s = end;
        while (*s && isspace((unsigned char)*s))
            s++;
    }
}

static void check_abbrev(struct check *c, const char *file, int line, const char *text)
{
    char tok[32];
    if (ww_flow_abbreviation(text, tok, sizeof tok))
        ww_diags_add(c->err, file, line, "abbreviation '%s': write the words out (B1)", tok);
}

/* One form of address: the resident is always "u". */
static void check_address(struct check *c, const char *file, int line, const char *text)
{
    static const char *const informal[] = {"je", "jij", "jou", "jouw", "jullie", "jezelf", NULL};
    const char *s = text;
    while (*s) {
        while (*s && !isalpha((unsigned char)*s))
            s++;
        const char *start = s;
        while (*s && (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80))
            s++;
        size_t len = (size_t)(s - start);
        for (size_t i = 0; len && informal[i]; i++)
            if (strlen(informal[i]) == len && strncasecmp(start, informal[i], len) == 0) {
                ww_diags_add(c->warn, file, line,
                             "warning: '%.*s': address the resident as 'u' (one form of address)",
                             (int)len, start);
                return;
            }
    }
}

/* Does a line name the emergency number 112 (as a number of its own) or
 * Veilig Thuis? */
static bool names_emergency(const char *text)
{
    if (strstr(text, "Veilig Thuis"))
        return true;
    for (const char *s = strstr(text, "112"); s; s = strstr(s + 1, "112")) {
        bool before = s == text || !isdigit((unsigned char)s[-1]);
        bool after = !isdigit((unsigned char)s[3]);
        if (before && after)
            return true;
    }
    return false;
}

static void check_button(struct check *c, const char *file, int line, const char *what,
                         const char *text)
{
    size_t n = ww_text_chars(text);
    if (n > 40)
        ww_diags_add(c->err, file, line, "%s is %zu characters long (buttons: at most 40)", what,
                     n);
}

/* One pictogram: DIR/ID.svg must be a regular file. */
static void icon_exists(const char *dir, const char *file, int line, const char *id,
                        struct ww_diags *err)
{
    struct stat st;
    char path[WW_PATH_SIZE + WW_ID_SIZE + 8];
    ww_fmt(path, sizeof path, "%s/%s.svg", dir, id);
    if (stat(path, &st) != 0)
        ww_diags_add(err, file, line, "unknown pictogram '%s' (no %s)", id, path);
    else if (!S_ISREG(st.st_mode))
        ww_diags_add(err, file, line, "pictogram '%s': %s is %s", id, path,
                     ww_file_strerror(S_ISDIR(st.st_mode) ? EISDIR : WW_ENOTREG));
}

static void check_icon(struct check *c, const char *file, int line, const char *id)
{
    if (!c->p || !c->p->pictograms_dir || !id[0])
        return;
    struct stat st;
    if (stat(c->p->pictograms_dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return;
    icon_exists(c->p->pictograms_dir, file, line, id, c->err);
}

bool ww_flows_check_pictograms(const struct ww_flows *flows, const char *dir, struct ww_diags *d)
{
    size_t before = d->count;
    for (size_t ti = 0; ti < flows->n_topics; ti++) {
        const struct ww_flow_topic *t = &flows->topics[ti];
        if (t->icon[0])
            icon_exists(dir, t->file, t->icon_line, t->icon, d);
        for (size_t qi = 0; qi < t->n_questions; qi++) {
            const struct ww_flow_question *q = &t->questions[qi];
            for (size_t a = 0; a < q->n_answers && a < WW_FLOW_MAX_ANSWERS; a++)
                if (q->answers[a].icon[0])
                    icon_exists(dir, t->file, q->icons_line, q->answers[a].icon, d);
        }
    }
    return d->count == before;
}

/* Translation completeness: one pass per language over every text. */
struct tr_check {
    const struct ww_po *po;
    const char *po_path;
    struct ww_diags *err;
    /* Texts already reported for this language, so a repeated text is listed
     * once: copies (a text may live in the caller's buffer, e.g. a bring
     * item), freed after the language. */
    char **done;
    size_t n_done, cap_done;
};

static void tr_one(void *ctx, const char *text, const char *what, const char *file, int line)
{
    (void)what;
    struct tr_check *t = ctx;
    if (ww_po_get(t->po, text))
        return;
    for (size_t i = 0; i < t->n_done; i++)
        if (strcmp(t->done[i], text) == 0)
            return;
    if (t->n_done == t->cap_done) {
        size_t ncap = t->cap_done ? t->cap_done * 2 : 32;
        char **nd = realloc(t->done, ncap * sizeof *nd);
        if (!nd)
            return;
        t->done = nd;
        t->cap_done = ncap;
    }
    char *copy = strdup(text);
    if (!copy)
        abort();
    t->done[t->n_done++] = copy;
    char loc[WW_PATH_SIZE + 16];
    if (line < 0)
        ww_strlcpy(loc, file, sizeof loc); /* already "file:line" */
    else
        ww_fmt(loc, sizeof loc, "%s:%d", file, line);
    ww_diags_add(t->err, t->po_path, 0, "missing translation of \"%.120s\" (%s)", text, loc);
}

/* Translated buttons must fit too: a warning per language and text. */
static void check_translated_buttons(const struct ww_flows *flows, const struct ww_po *po,
                                     const char *po_path, struct ww_diags *warn)
{
    for (size_t ti = 0; ti < flows->n_topics; ti++) {
        const struct ww_flow_topic *t = &flows->topics[ti];
        for (size_t qi = 0; qi <= t->n_questions; qi++) {
            size_t n = qi < t->n_questions ? t->questions[qi].n_answers : 1;
            for (size_t a = 0; a < n && a < WW_FLOW_MAX_ANSWERS; a++) {
                const char *src = qi < t->n_questions ? t->questions[qi].answers[a].text : t->title;
                int line = qi < t->n_questions ? t->questions[qi].answers[a].line : t->title_line;
                const char *tr = ww_po_get(po, src);
                size_t len = tr ? ww_text_chars(tr) : 0;
                if (len > 40)
                    ww_diags_add(warn, po_path, 0,
                                 "warning: the button \"%.60s\" (%s:%d) is %zu characters "
                                 "translated (at most 40)",
                                 src, t->file, line, len);
            }
        }
    }
}

static void check_translations(const struct ww_flows *flows, const struct ww_flow_check_params *p,
                               struct ww_diags *err, struct ww_diags *warn)
{
    const char *found[16];
    char names[16][16];
    size_t n = 0;
    if (p->langs) {
        for (size_t i = 0; i < p->n_langs && n < 16; i++)
            found[n++] = p->langs[i];
    } else {
        DIR *dh = opendir(p->locales_dir);
        if (!dh) {
            ww_diags_add(err, p->locales_dir, 0, "cannot open the locales folder: %s",
                         ww_errno_text(errno));
            return;
        }
        struct dirent *e;
        while ((e = readdir(dh)) && n < 16) {
            size_t len = strlen(e->d_name);
            if (len < 4 || len > 10 || strcmp(e->d_name + len - 3, ".po") != 0)
                continue;
            memcpy(names[n], e->d_name, len - 3);
            names[n][len - 3] = '\0';
            found[n] = names[n];
            n++;
        }
        closedir(dh);
        /* Report languages in a stable order. */
        for (size_t i = 1; i < n; i++)
            for (size_t j = i; j > 0 && strcmp(found[j - 1], found[j]) > 0; j--) {
                const char *tmp = found[j];
                found[j] = found[j - 1];
                found[j - 1] = tmp;
            }
    }
    struct ww_po tmpl;
    bool tmpl_ok = false;
    if (p->template_path) {
        tmpl_ok = ww_po_load(&tmpl, p->template_path);
        if (!tmpl_ok)
            ww_diags_add(err, p->template_path, 0, "cannot read: %s", ww_file_strerror(errno));
    }
    for (size_t i = 0; i < n; i++) {
        char path[WW_PATH_SIZE];
        ww_fmt(path, sizeof path, "%s/%s.po", p->locales_dir, found[i]);
        struct ww_po po;
        if (!ww_po_load(&po, path)) {
            ww_diags_add(err, path, 0, "cannot read: %s", ww_file_strerror(errno));
            continue;
        }
        /* A translation with other placeholders than its source is shown in
         * Dutch by the kiosk: an error here, naming the entry. */
        ww_po_check_placeholders(&po, path, err);
        struct tr_check t = {.po = &po, .po_path = path, .err = err};
        ww_flows_each_text(flows, tr_one, &t);
        tr_one(&t, flows->general.why, "why", "src/core/flow.c", 0);
        if (tmpl_ok)
            for (size_t k = 0; k < tmpl.n; k++)
                tr_one(&t, tmpl.entries[k].msgid, NULL,
                       tmpl.entries[k].ref[0] ? tmpl.entries[k].ref : p->template_path,
                       tmpl.entries[k].ref[0] ? -1 : tmpl.entries[k].line);
        check_translated_buttons(flows, &po, path, warn);
        for (size_t k = 0; k < t.n_done; k++)
            free(t.done[k]);
        free(t.done);
        ww_po_destroy(&po);
    }
    if (tmpl_ok)
        ww_po_destroy(&tmpl);
}

bool ww_flows_check(const struct ww_flows *flows, const struct ww_flow_check_params *p,
                    struct ww_diags *errors, struct ww_diags *warnings)
{
    size_t before = errors->count;
    struct check c = {p, errors, warnings};
    for (size_t ti = 0; ti < flows->n_topics; ti++) {
        const struct ww_flow_topic *t = &flows->topics[ti];
        const char *f = t->file;
        check_button(&c, f, t->title_line, "the topic title", t->title);
        check_address(&c, f, t->title_line, t->title);
        check_abbrev(&c, f, t->title_line, t->title);
        check_icon(&c, f, t->icon_line, t->icon);
        for (size_t qi = 0; qi < t->n_questions; qi++) {
            const struct ww_flow_question *q = &t->questions[qi];
            char what[64];
            ww_fmt(what, sizeof what, "question '%s'", q->id);
            check_sentences(&c, f, q->text_line, what, q->text);
            check_abbrev(&c, f, q->text_line, q->text);
            check_address(&c, f, q->text_line, q->text);
            if (q->explain[0]) {
                check_sentences(&c, f, q->explain_line, what, q->explain);
                check_abbrev(&c, f, q->explain_line, q->explain);
                check_address(&c, f, q->explain_line, q->explain);
            }
            for (size_t a = 0; a < q->n_answers && a < WW_FLOW_MAX_ANSWERS; a++) {
                check_button(&c, f, q->answers[a].line, "the answer", q->answers[a].text);
                check_abbrev(&c, f, q->answers[a].line, q->answers[a].text);
                check_address(&c, f, q->answers[a].line, q->answers[a].text);
                check_icon(&c, f, q->icons_line, q->answers[a].icon);
            }
        }
        for (size_t oi = 0; oi < t->n_outcomes; oi++) {
            const struct ww_flow_outcome *o = &t->outcomes[oi];
            const char *texts[] = {o->why, o->bring, o->alternative};
            const int lines[] = {o->why_line, o->bring_line, o->alternative_line};
            for (size_t k = 0; k < 3; k++)
                if (texts[k][0]) {
                    check_abbrev(&c, f, lines[k], texts[k]);
                    check_address(&c, f, lines[k], texts[k]);
                }
            char what[64];
            ww_fmt(what, sizeof what, "outcome '%s'", o->id);
            for (size_t k = 0; k < 3; k++)
                if (texts[k][0] && k != 1) /* bring is a list, not sentences */
                    check_sentences(&c, f, lines[k], what, texts[k]);
            bool emergency = false;
            for (size_t k = 0; k < o->n_notices; k++) {
                check_abbrev(&c, f, o->notice_lines[k], o->notices[k]);
                check_address(&c, f, o->notice_lines[k], o->notices[k]);
                check_sentences(&c, f, o->notice_lines[k], what, o->notices[k]);
                emergency = emergency || names_emergency(o->notices[k]);
            }
            if (o->urgency == 3 && !emergency)
                ww_diags_add(c.err, f, o->line,
                             "outcome '%s' has urgency 3 (safety) but no emergency line: add "
                             "'notice = Is er nu direct gevaar? Bel dan 112.' (or a notice "
                             "that names Veilig Thuis)",
                             o->id);
        }
    }
    if (p && p->locales_dir)
        check_translations(flows, p, errors, warnings);
    return errors->count == before;
}

/* ---- resolution ---- */

#define SLOT_CAP 256

static bool today_slots(const struct ww_booking_ctx *ctx, size_t partner, ww_day day,
                        struct ww_resolution *r, enum ww_err *err)
{
    struct ww_slot slots[SLOT_CAP];
    size_t n = 0;
    enum ww_err e = ww_booking_slots(ctx, partner, day, slots, SLOT_CAP, &n);
    if (e != WW_OK) {
        *err = e;
        return false;
    }
    r->first_free = -1;
    r->later_free = -1;
    r->n_free = 0;
    for (size_t i = 0; i < n; i++) {
        if (slots[i].booked >= slots[i].capacity)
            continue;
        r->n_free++;
        if (r->first_free < 0)
            r->first_free = slots[i].start;
        else if (r->later_free < 0 && slots[i].start >= r->first_free + 60)
            r->later_free = slots[i].start;
    }
    return r->first_free >= 0;
}

static enum ww_err resolve(const struct ww_flow_outcome *o, const struct ww_booking_ctx *ctx,
                           struct ww_resolution *out)
{
    memset(out, 0, sizeof *out);
    out->here = WW_HERE_NONE;
    out->rank = -1;
    out->day = WW_DAY_NONE;
    out->next_day = WW_DAY_NONE;
    out->first_free = -1;
    out->later_free = -1;
    out->hours[0] = out->hours[1] = -1;
    ww_day today;
    int minute;
    ww_clock_local(ctx->clock, &today, &minute);
    out->today = today;

    size_t cand[WW_FLOW_MAX_PARTNERS];
    int rank[WW_FLOW_MAX_PARTNERS];
    size_t n = 0;
    if (o->general) {
        cand[n] = ctx->loc->general_partner;
        rank[n++] = 0;
    }
    for (size_t i = 0; i < o->n_partners && n < WW_FLOW_MAX_PARTNERS; i++)
        if (o->partner_ok[i]) {
            cand[n] = o->partner[i];
            rank[n++] = (int)i;
        }

    enum ww_err err = WW_OK;
    for (size_t i = 0; i < n; i++) {
        struct ww_resolution r = *out;
        if (!today_slots(ctx, cand[i], today, &r, &err)) {
            if (err != WW_OK)
                return err;
            continue;
        }
        r.here = WW_HERE_TODAY;
        r.rank = rank[i];
        r.partner = cand[i];
        r.day = today;
        struct ww_day_plan plan;
        if (ww_booking_plan(ctx, today, &plan) == WW_OK) {
            const struct ww_block *b = ww_plan_find(&plan, cand[i]);
            if (b) {
                ww_strlcpy(r.room, b->room, sizeof r.room);
                r.hours[0] = b->time[0];
                r.hours[1] = b->time[1];
            }
        }
        r.next_day = ww_booking_next_day(ctx, cand[i], today + 1);
        *out = r;
        return WW_OK;
    }
    /* Nobody today: the earliest next date, preference order on a tie. */
    ww_day best = WW_DAY_NONE;
    size_t best_i = 0;
    for (size_t i = 0; i < n; i++) {
        ww_day d = ww_booking_next_day(ctx, cand[i], today + 1);
        if (d != WW_DAY_NONE && (best == WW_DAY_NONE || d < best)) {
            best = d;
            best_i = i;
        }
    }
    if (best == WW_DAY_NONE)
        return WW_OK;
    struct ww_resolution r = *out;
    today_slots(ctx, cand[best_i], best, &r, &err);
    r.here = WW_HERE_LATER;
    r.rank = rank[best_i];
    r.partner = cand[best_i];
    r.day = best;
    r.later_free = -1;
    r.n_free = 0;
    struct ww_day_plan plan;
    if (ww_booking_plan(ctx, best, &plan) == WW_OK) {
        const struct ww_block *b = ww_plan_find(&plan, cand[best_i]);
        if (b)
            ww_strlcpy(r.room, b->room, sizeof r.room);
    }
    *out = r;
    return err;
}

enum ww_err ww_flow_resolve(const struct ww_flows *flows, const struct ww_flow_outcome *o,
                            const struct ww_booking_ctx *ctx, struct ww_resolution *out)
{
    (void)flows;
    enum ww_err e = resolve(o, ctx, out);
    if (e == WW_OK || !ctx->store)
        return e;
    /* The store is down (or locked): the weekly pattern still says who
     * helps and when they are usually here; booking waits for the store. */
    struct ww_booking_ctx pattern = *ctx;
    pattern.store = NULL;
    resolve(o, &pattern, out);
    out->offline = true;
    return e;
}

/* A partner as the resident at `loc` sees it: with the location's own
 * details (phone, website, ...) when there is a location. */
static const struct ww_partner *shown(const struct ww_config *cfg, const struct ww_location *loc,
                                      size_t index)
{
    const struct ww_partner *p = loc ? ww_location_partner(loc, index) : NULL;
    return p ? p : &cfg->partners[index];
}

static void view_alt(struct ww_view_alt *a, const struct ww_partner *p)
{
    a->name = ww_i18n_get(p->name);
    a->phone = p->phone;
    a->phone_hours = p->phone_hours[0] ? ww_i18n_get(p->phone_hours) : "";
    a->website = p->website;
    a->address = p->address;
}

static const char *translate_now(void *ctx, const char *lang, const char *msgid)
{
    (void)ctx;
    (void)lang;
    return ww_i18n_get(msgid);
}

void ww_outcome_view(const struct ww_config *cfg, const struct ww_location *loc,
                     const struct ww_flow_outcome *o, const struct ww_resolution *r,
                     struct ww_outcome_view *v)
{
    memset(v, 0, sizeof *v);
    for (size_t i = 0; i < o->n_notices && i < WW_FLOW_MAX_NOTICES; i++)
        v->notices[v->n_notices++] = ww_i18n_get(o->notices[i]);
    v->why = ww_i18n_get(o->why);
    v->alternative = o->alternative[0] ? ww_i18n_get(o->alternative) : "";
    v->here = r->here;
    v->who = "";
    v->helps = "";
    const struct ww_partner *p = NULL;
    if (r->here != WW_HERE_NONE && r->partner < cfg->n_partners)
        p = shown(cfg, loc, r->partner);
    else if (o->n_partners && o->partner_ok[0])
        p = shown(cfg, loc, o->partner[0]);
    else if (o->general && loc)
        p = shown(cfg, loc, loc->general_partner);
    v->preferred = "";
    if (r->here != WW_HERE_NONE && r->rank > 0 && o->partner_ok[0])
        v->preferred = ww_i18n_get(shown(cfg, loc, o->partner[0])->name);
    if (p) {
        v->who = ww_i18n_get(p->name);
        v->helps = p->helps[0] ? ww_i18n_get(p->helps) : "";
    }
    /* What to bring: the outcome's list, else the partner's own; each item
     * is a text of its own in the catalogue. */
    const char *bring = o->bring[0] ? o->bring : p ? p->bring : "";
    v->n_bring =
        ww_bring_items(bring, v->bring_buf, sizeof v->bring_buf, v->bring, WW_VIEW_MAX_BRING);
    for (size_t i = 0; i < v->n_bring; i++)
        v->bring[i] = ww_i18n_get(v->bring[i]);
    char t[6];
    v->offline = "";
    if (r->offline)
        v->offline =
            _("Een afspraak maken lukt nu niet. Ga naar de balie. Daar helpt een medewerker u "
              "verder.");
    if (r->here == WW_HERE_TODAY) {
        /* When the partner is here and the first free time are two things:
         * "Vandaag aanwezig: 09:40" read as the time they arrive. */
        char from[6], until[6], part[160];
        if (r->hours[0] >= 0 && r->hours[1] > r->hours[0]) {
            ww_minute_format(r->hours[0], from);
            ww_minute_format(r->hours[1], until);
            const char *args[] = {from, until};
            ww_i18n_format(part, sizeof part, N_("Vandaag aanwezig van %s tot %s"), args, 2);
        } else {
            ww_strlcpy(part, _("Vandaag aanwezig"), sizeof part);
        }
        if (r->room[0])
            ww_fmt(v->here_line, sizeof v->here_line, "%s, %s.", part, ww_i18n_get(r->room));
        else
            ww_fmt(v->here_line, sizeof v->here_line, "%s.", part);
        if (!r->offline && r->first_free >= 0) {
            /* From the store's counts; offline there is no promise of a time. */
            size_t used = strlen(v->here_line);
            ww_minute_format(r->first_free, t);
            ww_fmt(v->here_line + used, sizeof v->here_line - used, " %s: %s",
                   _("Eerste vrije tijd"), t);
        }
    } else if (r->here == WW_HERE_LATER) {
        /* The date one way everywhere: "morgen, woensdag 25 november, 09:00". */
        char when[160];
        ww_ticket_when_near(when, sizeof when, r->day, r->first_free >= 0 ? r->first_free : 0,
                            r->today > 0 ? r->today : WW_DAY_NONE, /* 0: not filled in */
                            NULL, translate_now, NULL);
        ww_fmt(v->here_line, sizeof v->here_line, "%s %s", _("Volgende keer hier:"), when);
    } else {
        ww_strlcpy(v->here_line, _("Niemand is vandaag aanwezig."), sizeof v->here_line);
    }
    /* Alternatives: every recommended partner's phone and website. */
    if (r->here != WW_HERE_TODAY) {
        for (size_t i = 0; i < o->n_partners && v->n_alt < WW_FLOW_MAX_PARTNERS; i++) {
            if (!o->partner_ok[i])
                continue;
            const struct ww_partner *ap = shown(cfg, loc, o->partner[i]);
            if (!ap->phone[0] && !ap->website[0] && !ap->address[0])
                continue;
            view_alt(&v->alt[v->n_alt++], ap);
        }
        if (o->general && loc && v->n_alt == 0)
            view_alt(&v->alt[v->n_alt++], shown(cfg, loc, loc->general_partner));
    }
}
