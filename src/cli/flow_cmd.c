/* wegwijzer flow ...: tools for the people who write the question flows. */
#include "cli/cli.h"
#include "core/err.h"

#include "app.h"
#include "core/booking.h"
#include "core/flow.h"
#include "core/i18n.h"
#include "core/ini.h"
#include "core/playlist.h"
#include "core/session.h"
#include "core/str.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: wegwijzer flow COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  check [DIR]               check every flow file (default CONFIG/flows)\n"
    "  walk --topic ID           walk a flow in the terminal, answering by number\n"
    "  pot [-o FILE]             extract every resident text into a PO template\n"
    "  keys                      the keys of a flow file, with what they mean\n"
    "\n"
    "Run 'wegwijzer flow COMMAND --help' for the options of a command.\n";

static const char check_usage[] =
    "usage: wegwijzer flow check [DIR] [options]\n"
    "\n"
    "Check the flow files in DIR (default: the flows folder of the configuration):\n"
    "every path ends in an outcome, no loops, nothing unreachable, 2 to 5 answers,\n"
    "partners and pictograms exist, B1 limits (button texts at most 40 characters,\n"
    "no abbreviations; sentences over 12 words or with more than one comma are\n"
    "warnings) and every text translated in every locale. Problems are printed as\n"
    "file:line: message. Exit status 1 when there are errors (warnings alone: 0).\n"
    "\n"
    "  --locales DIR     PO files to check (default locales)\n"
    "  --no-locales      do not check translations\n"
    "  --pictograms DIR  pictogram folder (default assets/pictograms; checked when it exists)\n"
    "  --lang xx         check only this language (repeatable)\n"
    "  --template FILE   also check that every text of this template (flow pot) is\n"
    "                    translated, e.g. the kiosk's own texts\n"
    "\n"
    "options:\n" WW_COMMON_HELP;

static const char walk_usage[] =
    "usage: wegwijzer flow walk --topic ID [--lang xx] [options]\n"
    "\n"
    "Walk a flow as a resident would. Each question is printed with numbered\n"
    "answers; type the number of an answer (0 = \"Ik weet het niet\", b = back)\n"
    "and press Enter. At the end the outcome is printed: who helps and why, what\n"
    "to bring, and who of them is at the location today, the next date, or how to\n"
    "reach them. Without a location (one in the configuration, --location or\n"
    "$WEGWIJZER_LOCATION) presence is not shown.\n"
    "\n"
    "  --topic ID        the topic to walk\n"
    "  --lang xx         language: nl en tr ar pl uk (default nl)\n"
    "  --flows DIR       flow folder (default CONFIG/flows)\n"
    "  --localedir DIR   compiled catalogues (default build/locale, or $WEGWIJZER_LOCALEDIR)\n"
    "\n"
    "options:\n" WW_COMMON_HELP;

static const char pot_usage[] =
    "usage: wegwijzer flow pot [-o FILE] [--src DIR] [options]\n"
    "\n"
    "Extract every resident-facing text into a PO template with #: file:line\n"
    "references: texts marked _(\"...\") or N_(\"...\") in the C sources, every text\n"
    "of the flow files, the partners' texts (name, helps, phone hours, every\n"
    "item to bring) from partners.ini and from each location's own [partner ID]\n"
    "sections, and the room names of the locations' weekly patterns.\n"
    "\n"
    "  -o FILE           where to write (default locales/wegwijzer.pot; - = stdout)\n"
    "  --src DIR         C sources to scan (default src)\n"
    "  --flows DIR       flow folder (default CONFIG/flows)\n"
    "\n"
    "options:\n" WW_COMMON_HELP;

/* Options of the flow commands beyond the common ones. */
enum {
    OPT_LOCALES = 2001,
    OPT_NO_LOCALES,
    OPT_PICTOGRAMS,
    OPT_LANG,
    OPT_TOPIC,
    OPT_FLOWS,
    OPT_LOCALEDIR,
    OPT_SRC,
    OPT_TEMPLATE
};

static void flows_dir(const struct ww_app *app, const char *given, char *buf, size_t size)
{
    if (given)
        ww_strlcpy(buf, given, size);
    else
        ww_fmt(buf, size, "%s/flows", app->config_dir);
}

/* ---- check ---- */

static int cmd_check(int argc, char **argv)
{
    struct ww_app app;
    ww_app_init(&app, "flow check");
    static const struct option opts[] = {{"locales", required_argument, NULL, OPT_LOCALES},
                                         {"no-locales", no_argument, NULL, OPT_NO_LOCALES},
                                         {"pictograms", required_argument, NULL, OPT_PICTOGRAMS},
                                         {"lang", required_argument, NULL, OPT_LANG},
                                         {"template", required_argument, NULL, OPT_TEMPLATE},
                                         WW_COMMON_OPTIONS};
    const char *locales = "locales", *pictograms = "assets/pictograms", *tmpl = NULL;
    const char *langs[8];
    size_t n_langs = 0;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        int r = ww_app_option(&app, c, optarg);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        switch (c) {
        case 'h':
            fputs(check_usage, stdout);
            return 0;
        case OPT_LOCALES:
            locales = optarg;
            break;
        case OPT_NO_LOCALES:
            locales = NULL;
            break;
        case OPT_PICTOGRAMS:
            pictograms = optarg;
            break;
        case OPT_TEMPLATE:
            tmpl = optarg;
            break;
        case OPT_LANG:
            if (!ww_i18n_find(optarg) || strcmp(optarg, "nl") == 0) {
                ww_app_fail(&app, "--lang '%s' is not a translation (en tr ar pl uk)", optarg);
                return 2;
            }
            if (n_langs < 8)
                langs[n_langs++] = optarg;
            break;
        default:
            return ww_app_bad_option(&app, argv);
        }
    }
    if (argc - optind > 1) {
        ww_app_fail(&app, "unexpected argument '%s' (see --help)", argv[optind + 1]);
        return 2;
    }
    char dir[WW_PATH_SIZE];
    flows_dir(&app, optind < argc ? argv[optind] : NULL, dir, sizeof dir);

    struct ww_diags cd, errors, warnings;
    ww_diags_init(&cd);
    ww_diags_init(&errors);
    ww_diags_init(&warnings);
    struct ww_config cfg;
    bool cfg_ok = ww_config_load(&cfg, app.config_dir, &cd);
    if (!cfg_ok) {
        ww_diags_print(&cd, stderr);
        ww_app_fail(&app, "the configuration in %s has problems: partners are not checked",
                    app.config_dir);
    }
    struct ww_flows flows;
    ww_flows_load(&flows, dir, cfg_ok ? &cfg : NULL, &errors);
    struct ww_flow_check_params p = {pictograms, locales, n_langs ? langs : NULL, n_langs, tmpl};
    ww_flows_check(&flows, &p, &errors, &warnings);
    ww_diags_print(&errors, stdout);
    ww_diags_print(&warnings, stdout);
    printf("flow check: %zu topic%s, %zu error%s, %zu warning%s\n", flows.n_topics,
           flows.n_topics == 1 ? "" : "s", errors.count, errors.count == 1 ? "" : "s",
           warnings.count, warnings.count == 1 ? "" : "s");
    int status = errors.count || !cfg_ok ? 1 : 0;
    ww_flows_destroy(&flows);
    ww_config_destroy(&cfg);
    ww_diags_destroy(&cd);
    ww_diags_destroy(&errors);
    ww_diags_destroy(&warnings);
    ww_app_destroy(&app);
    return status;
}

/* ---- walk ---- */

struct walker {
    struct ww_app *app;
    const struct ww_flows *flows;
    struct ww_booking_ctx ctx;
    bool have_loc;
};

static void print_question(const struct walker *w, const struct ww_session *s)
{
    const struct ww_flow_question *q = ww_flows_question(w->flows, s->topic, s->question);
    int phase, number;
    ww_session_progress(s, &phase, &number);
    char progress[96];
    ww_i18n_format_int(progress, sizeof progress, N_("Vraag %d"), &number, 1);
    printf("\n-- %s\n%s\n", progress, ww_i18n_get(q->text));
    if (q->explain[0])
        printf("(%s)\n", ww_i18n_get(q->explain));
    int marked = ww_session_marked(s);
    for (size_t i = 0; i < q->n_answers; i++)
        printf("  %zu. %s%s\n", i + 1, ww_i18n_get(q->answers[i].text),
               marked == (int)i + 1 ? "  *" : "");
    printf("  0. %s%s\n", _("Ik weet het niet"), marked == 0 ? "  *" : "");
}

static void print_outcome(const struct walker *w, const struct ww_flow_outcome *o)
{
    struct ww_resolution r;
    memset(&r, 0, sizeof r);
    r.here = WW_HERE_NONE;
    r.rank = -1;
    if (w->have_loc) {
        enum ww_err e = ww_flow_resolve(w->flows, o, &w->ctx, &r);
        if (e != WW_OK)
            printf("(the store cannot be read: %s)\n", ww_strerror(e));
    }
    struct ww_outcome_view v;
    ww_outcome_view(&w->app->cfg, w->have_loc ? w->app->loc : NULL, o, &r, &v);
    printf("\n== %s\n", _("Wie kan u helpen?"));
    for (size_t i = 0; i < v.n_notices; i++)
        printf("!  %s\n", v.notices[i]);
    printf("%s\n", v.who);
    if (v.helps[0])
        printf("(%s)\n", v.helps);
    printf("%s\n", v.why);
    if (v.n_bring) {
        printf("%s\n", _("Neem mee:"));
        for (size_t i = 0; i < v.n_bring; i++)
            printf("  - %s\n", v.bring[i]);
    }
    if (w->have_loc)
        printf("%s\n", v.here_line);
    for (size_t i = 0; i < v.n_alt; i++) {
        const struct ww_view_alt *a = &v.alt[i];
        printf("  %s", a->name);
        if (a->phone[0])
            printf(" - %s %s", _("Bel"), a->phone);
        if (a->phone_hours[0])
            printf(" (%s)", a->phone_hours);
        if (a->website[0])
            printf(" - %s", a->website);
        if (a->address[0])
            printf(" - %s", a->address);
        printf("\n");
    }
    if (v.alternative[0])
        printf("%s\n", v.alternative);
    if (v.preferred[0])
        printf("[outcome %s, urgency %d, first choice %s]\n", o->id, o->urgency, v.preferred);
    else
        printf("[outcome %s, urgency %d]\n", o->id, o->urgency);
}

static int walk(struct walker *w, const char *topic_id)
{
    struct ww_session s;
    struct ww_session_params params = {60, 30, "nl", 0};
    ww_strlcpy(params.default_lang, ww_i18n_lang(), sizeof params.default_lang);
    ww_session_init(&s, &params);
    struct ww_action a = ww_action_tap("start");
    ww_session_step(w->flows, &s, &a, &s);
    char target[WW_TARGET_SIZE];
    ww_fmt(target, sizeof target, "topic:%s", topic_id);
    a = ww_action_tap(target);
    ww_session_step(w->flows, &s, &a, &s);
    const struct ww_flow_topic *t = ww_flows_topic(w->flows, topic_id, NULL);
    printf("== %s\n", ww_i18n_get(t->title));
    char line[64];
    while (s.screen == WW_SCREEN_QUESTION || s.screen == WW_SCREEN_TOPICS) {
        if (s.screen == WW_SCREEN_TOPICS) {
            printf("\n(%s)\n", _("Waar wilt u hulp bij?"));
            a = ww_action_tap(target);
            ww_session_step(w->flows, &s, &a, &s);
            continue;
        }
        print_question(w, &s);
        if (!fgets(line, sizeof line, stdin)) {
            char id[96];
            ww_session_screen_id(w->flows, &s, id, sizeof id);
            printf("\n(stopped at %s: no more answers on standard input)\n", id);
            return 1;
        }
        char *in = ww_trim(line);
        printf("> %s\n", in);
        long n;
        if (strcmp(in, "b") == 0) {
            a = ww_action_make(WW_ACT_BACK);
        } else if (ww_parse_int(in, 0, WW_FLOW_MAX_ANSWERS, &n)) {
            const struct ww_flow_question *q = ww_flows_question(w->flows, s.topic, s.question);
            if (n > (long)q->n_answers) {
                printf("(choose 0 to %zu, or b)\n", q->n_answers);
                continue;
            }
            if (n == 0) {
                a = ww_action_tap("dontknow");
            } else {
                char ans[16];
                ww_fmt(ans, sizeof ans, "answer:%ld", n);
                a = ww_action_tap(ans);
            }
        } else {
            printf("(type an answer number, 0 for \"%s\", or b for back)\n", _("Ik weet het niet"));
            continue;
        }
        ww_session_step(w->flows, &s, &a, &s);
    }
    const struct ww_flow_outcome *o = ww_session_outcome(w->flows, &s);
    if (!o)
        return 1;
    print_outcome(w, o);
    return 0;
}

static int cmd_walk(int argc, char **argv)
{
    struct ww_app app;
    ww_app_init(&app, "flow walk");
    static const struct option opts[] = {{"topic", required_argument, NULL, OPT_TOPIC},
                                         {"lang", required_argument, NULL, OPT_LANG},
                                         {"flows", required_argument, NULL, OPT_FLOWS},
                                         {"localedir", required_argument, NULL, OPT_LOCALEDIR},
                                         WW_COMMON_OPTIONS};
    const char *topic = NULL, *lang = "nl", *fdir = NULL, *localedir = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        int r = ww_app_option(&app, c, optarg);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        switch (c) {
        case 'h':
            fputs(walk_usage, stdout);
            return 0;
        case OPT_TOPIC:
            topic = optarg;
            break;
        case OPT_LANG:
            lang = optarg;
            break;
        case OPT_FLOWS:
            fdir = optarg;
            break;
        case OPT_LOCALEDIR:
            localedir = optarg;
            break;
        default:
            return ww_app_bad_option(&app, argv);
        }
    }
    if (optind < argc) {
        ww_app_fail(&app, "unexpected argument '%s' (see --help)", argv[optind]);
        return 2;
    }
    if (!topic) {
        ww_app_fail(&app, "--topic ID is needed (see --help)");
        return 2;
    }
    if (!ww_i18n_find(lang)) {
        ww_app_fail(&app, "--lang '%s' is not one of nl en tr ar pl uk", lang);
        return 2;
    }
    char ldir[WW_PATH_SIZE];
    if (localedir)
        ww_strlcpy(ldir, localedir, sizeof ldir);
    else
        ww_i18n_default_dir(NULL, ldir, sizeof ldir);
    ww_i18n_init(ldir);
    ww_i18n_set(lang);

    int status = 1;
    struct ww_flows flows;
    memset(&flows, 0, sizeof flows);
    struct walker w = {.app = &app, .flows = &flows};
    /* A date without a moment: walk as if it were 08:00 that day. */
    if (app.date && app.clock.ctx == NULL) {
        ww_day d;
        if (ww_day_parse(app.date, &d)) {
            app.now_value = ww_utc_from_local(d, 8 * 60);
            app.clock = ww_clock_fixed(&app.now_value);
        }
    }
    bool want_loc = app.location_id != NULL;
    struct ww_diags d;
    ww_diags_init(&d);
    if (!ww_config_load(&app.cfg, app.config_dir, &d)) {
        app.cfg_loaded = true;
        ww_diags_print(&d, stderr);
        ww_app_fail(&app, "the configuration in %s has problems (see above)", app.config_dir);
        goto out;
    }
    app.cfg_loaded = true;
    if (want_loc || app.cfg.n_locations == 1) {
        /* ww_app_load again would load the config twice: pick the location here. */
        app.loc = want_loc ? ww_config_location(&app.cfg, app.location_id) : &app.cfg.locations[0];
        if (!app.loc) {
            ww_app_fail(&app, "unknown location '%s'", app.location_id);
            goto out;
        }
        char err[512];
        const char *uri = app.store_uri ? app.store_uri : app.loc->store;
        app.store = ww_store_open(uri, app.state_dir, err, sizeof err);
        if (!app.store) {
            ww_app_fail(&app, "%s", err);
            goto out;
        }
        w.ctx = (struct ww_booking_ctx){&app.cfg, app.loc, app.store, &app.clock};
        w.have_loc = true;
    }
    char dir[WW_PATH_SIZE];
    flows_dir(&app, fdir, dir, sizeof dir);
    ww_diags_destroy(&d);
    ww_diags_init(&d);
    if (!ww_flows_load(&flows, dir, &app.cfg, &d)) {
        ww_diags_print(&d, stderr);
        ww_app_fail(&app, "the flows in %s have problems (run 'wegwijzer flow check')", dir);
        goto out;
    }
    if (!ww_flows_topic(&flows, topic, NULL)) {
        ww_app_fail(&app, "unknown topic '%s'", topic);
        goto out;
    }
    status = walk(&w, topic);
out:
    ww_diags_destroy(&d);
    ww_flows_destroy(&flows);
    ww_app_destroy(&app);
    return status;
}

/* ---- pot ---- */

struct pot_entry {
    char *msgid;
    const char *what; /* for translators: where the text is used (static), or NULL */
    char *refs;       /* "file:line file:line" */
    size_t refs_len;
};

struct pot {
    struct pot_entry *e;
    size_t n, cap;
};

static void pot_add(struct pot *p, const char *text, const char *what, const char *file, int line)
{
    if (!*text)
        return;
    char ref[WW_PATH_SIZE + 16];
    if (line > 0)
        ww_fmt(ref, sizeof ref, "%s:%d", file, line);
    else
        ww_strlcpy(ref, file, sizeof ref);
    struct pot_entry *e = NULL;
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->e[i].msgid, text) == 0)
            e = &p->e[i];
    if (!e) {
        if (p->n == p->cap) {
            size_t ncap = p->cap ? p->cap * 2 : 128;
            struct pot_entry *ne = realloc(p->e, ncap * sizeof *ne);
            if (!ne)
                abort(); /* small: a few hundred texts */
            p->e = ne;
            p->cap = ncap;
        }
        e = &p->e[p->n++];
        e->msgid = strdup(text);
        e->what = what;
        e->refs = calloc(1, 1);
        e->refs_len = 0;
        if (!e->msgid || !e->refs)
            abort();
    }
    size_t add = strlen(ref) + 1;
    char *nr = realloc(e->refs, e->refs_len + add + 1);
    if (!nr)
        abort();
    e->refs = nr;
    if (e->refs_len)
        e->refs[e->refs_len++] = ' ';
    memcpy(e->refs + e->refs_len, ref, add);
    e->refs_len += add - 1;
}

static void pot_add_cb(void *ctx, const char *text, const char *what, const char *file, int line)
{
    pot_add(ctx, text, what, file, line);
}

/* Read a C string literal (and adjacent ones) at *s; returns a heap copy
 * with escapes decoded, advancing *s and counting newlines into *line. */
static char *c_string(const char **s, int *line)
{
    size_t cap = 64, n = 0;
    char *out = malloc(cap);
    if (!out)
        abort();
    const char *p = *s;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            if (*p == '\n')
                (*line)++;
            p++;
        }
        if (*p != '"')
            break;
        p++;
        while (*p && *p != '"') {
            char c = *p;
            if (c == '\\' && p[1]) {
                p++;
                c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
            } else if (c == '\n') {
                (*line)++;
            }
            if (n + 2 > cap) {
                cap *= 2;
                char *no = realloc(out, cap);
                if (!no)
                    abort();
                out = no;
            }
            out[n++] = c;
            p++;
        }
        if (*p == '"')
            p++;
    }
    out[n] = '\0';
    *s = p;
    return out;
}

static void scan_c(struct pot *pot, const char *path)
{
    size_t len;
    char *text = ww_read_file(path, 4u << 20, &len);
    if (!text)
        return;
    int line = 1;
    const char *s = text;
    while (*s) {
        if (*s == '\n') {
            line++;
            s++;
            continue;
        }
        /* Skip comments and string literals that are not marked. */
        if (s[0] == '/' && s[1] == '*') {
            const char *e = strstr(s + 2, "*/");
            const char *stop = e ? e + 2 : s + strlen(s);
            for (; s < stop; s++)
                line += *s == '\n';
            continue;
        }
        if (s[0] == '/' && s[1] == '/') {
            while (*s && *s != '\n')
                s++;
            continue;
        }
        bool start = s == text || !(isalnum((unsigned char)s[-1]) || s[-1] == '_');
        size_t skip = 0;
        if (start && strncmp(s, "N_(", 3) == 0)
            skip = 3;
        else if (start && strncmp(s, "_(", 2) == 0)
            skip = 2;
        if (skip) {
            const char *p = s + skip;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p == '"') {
                int at = line;
                char *str = c_string(&p, &line);
                pot_add(pot, str, NULL, path, at);
                free(str);
                s = p;
                continue;
            }
        }
        if (*s == '"') {
            char *str = c_string(&s, &line);
            free(str);
            continue;
        }
        if (*s == '\'') {
            s++;
            if (*s == '\\')
                s++;
            if (*s)
                s++;
            if (*s == '\'')
                s++;
            continue;
        }
        s++;
    }
    free(text);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The C sources under `dir`, each folder's entries in name order, depth
 * first, with a work list (not recursion: the tree decides how deep it goes).
 * Links to folders are not followed, so a link loop ends. */
static void scan_dir(struct pot *pot, const char *dir)
{
    char **todo = NULL; /* paths still to look at; the last comes next */
    size_t n = 0, cap = 0;
    char *first = strdup(dir);
    if (!first)
        abort();
    todo = malloc(sizeof *todo);
    if (!todo)
        abort();
    todo[n++] = first;
    cap = 1;
    while (n > 0) {
        char *path = todo[--n];
        struct stat st;
        size_t len = strlen(path);
        if (lstat(path, &st) != 0) {
            free(path);
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (len > 2 && (strcmp(path + len - 2, ".c") == 0 || strcmp(path + len - 2, ".h") == 0))
                scan_c(pot, path);
            free(path);
            continue;
        }
        DIR *dh = opendir(path);
        char *names[512];
        size_t k = 0;
        struct dirent *e;
        while (dh && (e = readdir(dh)) && k < 512) {
            if (e->d_name[0] == '.')
                continue;
            char sub[WW_PATH_SIZE];
            if (!ww_fmt(sub, sizeof sub, "%s/%s", path, e->d_name))
                continue;
            names[k] = strdup(sub);
            if (!names[k])
                abort();
            k++;
        }
        if (dh)
            closedir(dh);
        free(path);
        qsort(names, k, sizeof *names, cmp_str);
        if (n + k > cap) {
            cap = (n + k) * 2;
            char **nt = realloc(todo, cap * sizeof *nt);
            if (!nt)
                abort();
            todo = nt;
        }
        /* Last name first on the list, so the first is looked at next. */
        while (k > 0)
            todo[n++] = names[--k];
    }
    free(todo);
}

/* The slide texts of every waiting-room playlist (CONFIG/screens/ID.ini),
 * in file-name order. A playlist that does not parse is reported. */
static bool scan_screens(struct pot *pot, const char *config_dir, struct ww_diags *d)
{
    char names[WW_PLAYLISTS_MAX][WW_ID_SIZE];
    size_t n = ww_playlist_ids(config_dir, names, WW_PLAYLISTS_MAX);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        struct ww_playlist pl;
        ww_playlist_init(&pl);
        if (ww_playlist_load(&pl, config_dir, names[i], d))
            ww_playlist_each_text(&pl, pot_add_cb, pot);
        else
            ok = false;
        ww_playlist_destroy(&pl);
    }
    return ok;
}

static void po_quote(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\n", f);
        else if (*s == '\t')
            fputs("\\t", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static void pot_write(const struct pot *pot, FILE *f)
{
    fputs("# Wegwijzer: every text a resident sees or hears, in Dutch (B1).\n"
          "# Made by 'wegwijzer flow pot' (make pot); merge into the PO files with 'make po'.\n"
          "msgid \"\"\n"
          "msgstr \"\"\n"
          "\"Project-Id-Version: wegwijzer\\n\"\n"
          "\"MIME-Version: 1.0\\n\"\n"
          "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
          "\"Content-Transfer-Encoding: 8bit\\n\"\n",
          f);
    for (size_t i = 0; i < pot->n; i++) {
        const struct pot_entry *e = &pot->e[i];
        fputc('\n', f);
        if (e->what && strcmp(e->what, "answer button") == 0)
            fputs("#. answer button: at most 40 characters\n", f);
        else if (e->what && strcmp(e->what, "what to bring") == 0)
            fputs("#. what to bring: one item of the list\n", f);
        else if (e->what)
            fprintf(f, "#. %s\n", e->what);
        fputs("#:", f);
        /* Wrap references like xgettext does, one line per ~76 columns. */
        size_t col = 2;
        const char *r = e->refs;
        while (*r) {
            const char *sp = strchr(r, ' ');
            size_t len = sp ? (size_t)(sp - r) : strlen(r);
            if (col + 1 + len > 79 && col > 2) {
                fputs("\n#:", f);
                col = 2;
            }
            fprintf(f, " %.*s", (int)len, r);
            col += 1 + len;
            r += len;
            if (*r == ' ')
                r++;
        }
        fputc('\n', f);
        if (strchr(e->msgid, '%'))
            fputs("#, c-format\n", f);
        fputs("msgid ", f);
        po_quote(f, e->msgid);
        fputs("\nmsgstr \"\"\n", f);
    }
}

/* A partner's resident texts: its name, what it helps with, when to call
 * and every item to bring (each a text of its own). */
static void pot_partner(struct pot *pot, const struct ww_partner *p, const char *file, int line)
{
    pot_add(pot, p->name, "partner name (keep the name; a short gloss may follow)", file, line);
    pot_add(pot, p->helps, "partner: what they help with", file, line);
    pot_add(pot, p->phone_hours, "partner: when to call", file, line);
    char buf[WW_TEXT_SIZE];
    const char *items[WW_VIEW_MAX_BRING];
    size_t n = ww_bring_items(p->bring, buf, sizeof buf, items, WW_VIEW_MAX_BRING);
    for (size_t i = 0; i < n; i++)
        pot_add(pot, items[i], "what to bring", file, line);
}

static int cmd_pot(int argc, char **argv)
{
    struct ww_app app;
    ww_app_init(&app, "flow pot");
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                         {"src", required_argument, NULL, OPT_SRC},
                                         {"flows", required_argument, NULL, OPT_FLOWS},
                                         WW_COMMON_OPTIONS};
    const char *out = "locales/wegwijzer.pot", *src = "src", *fdir = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "+ho:", opts, NULL)) != -1) {
        int r = ww_app_option(&app, c, optarg);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        switch (c) {
        case 'h':
            fputs(pot_usage, stdout);
            return 0;
        case 'o':
            out = optarg;
            break;
        case OPT_SRC:
            src = optarg;
            break;
        case OPT_FLOWS:
            fdir = optarg;
            break;
        default:
            return ww_app_bad_option(&app, argv);
        }
    }
    if (optind < argc) {
        ww_app_fail(&app, "unexpected argument '%s' (see --help)", argv[optind]);
        return 2;
    }
    int status = 1;
    struct pot pot = {0};
    struct ww_diags d;
    ww_diags_init(&d);
    struct ww_flows flows;
    memset(&flows, 0, sizeof flows);
    bool cfg_ok = ww_config_load(&app.cfg, app.config_dir, &d);
    app.cfg_loaded = true;
    char dir[WW_PATH_SIZE];
    flows_dir(&app, fdir, dir, sizeof dir);
    bool flows_ok = ww_flows_load(&flows, dir, cfg_ok ? &app.cfg : NULL, &d);
    if (!cfg_ok || !flows_ok) {
        ww_diags_print(&d, stderr);
        ww_app_fail(&app, "fix the problems above first (the template would miss texts)");
        goto out;
    }
    scan_dir(&pot, src);
    ww_flows_each_text(&flows, pot_add_cb, &pot);
    if (!scan_screens(&pot, app.config_dir, &d)) {
        ww_diags_print(&d, stderr);
        ww_app_fail(&app, "fix the problems above first (the template would miss texts)");
        goto out;
    }
    for (size_t i = 0; i < app.cfg.n_partners; i++)
        pot_partner(&pot, &app.cfg.partners[i], app.cfg.partners[i].file, app.cfg.partners[i].line);
    for (size_t l = 0; l < app.cfg.n_locations; l++) {
        const struct ww_location *loc = &app.cfg.locations[l];
        for (size_t i = 0; i < loc->n_presence; i++)
            pot_add(&pot, loc->presence[i].room,
                    "room name (keep the name on the door; a short gloss may follow)", loc->file,
                    loc->presence[i].line);
        for (size_t i = 0; i < loc->n_partners; i++)
            if (loc->partners[i].local_line)
                pot_partner(&pot, &loc->partners[i], loc->file, loc->partners[i].local_line);
    }
    FILE *f = strcmp(out, "-") == 0 ? stdout : fopen(out, "w");
    if (!f) {
        ww_app_fail(&app, "cannot write %s: %s", out, ww_errno_text(errno));
        goto out;
    }
    pot_write(&pot, f);
    if (f != stdout && fclose(f) != 0) {
        ww_app_fail(&app, "cannot write %s: %s", out, ww_errno_text(errno));
        goto out;
    }
    if (f != stdout)
        fprintf(stderr, "flow pot: %zu texts written to %s\n", pot.n, out);
    status = 0;
out:
    for (size_t i = 0; i < pot.n; i++) {
        free(pot.e[i].msgid);
        free(pot.e[i].refs);
    }
    free(pot.e);
    ww_flows_destroy(&flows);
    ww_diags_destroy(&d);
    ww_app_destroy(&app);
    return status;
}

int ww_cmd_flow(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *sub = argv[1];
    if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 || strcmp(sub, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(sub, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(sub, "walk") == 0)
        return cmd_walk(argc - 1, argv + 1);
    if (strcmp(sub, "pot") == 0)
        return cmd_pot(argc - 1, argv + 1);
    if (strcmp(sub, "keys") == 0) {
        if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
            puts("usage: wegwijzer flow keys\n\nPrint every key of a flow file with its help.");
            return 0;
        }
        if (argc > 2) {
            fprintf(stderr, "wegwijzer flow keys: unexpected argument '%s' (see --help)\n",
                    argv[2]);
            return 2;
        }
        fputs("A flow file (kiosk-config/flows/TOPIC.flow) has one [topic], then its\n"
              "questions and outcomes. Texts are Dutch at level B1; address residents as 'u'.\n\n",
              stdout);
        ww_flow_keys_help(stdout);
        return 0;
    }
    fprintf(stderr, "wegwijzer flow: unknown command '%s' (see wegwijzer flow --help)\n", sub);
    return 2;
}
