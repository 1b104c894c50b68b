#include "schedule.h"

#include "str.h"

#include <stdlib.h>
#include <string.h>

static ww_day monday_of(ww_day day)
{
    return day - ww_day_weekday(day);
}

bool ww_presence_applies(const struct ww_presence *p, ww_day day)
{
    if (!(p->weekdays & (1u << ww_day_weekday(day))))
        return false;
    if (p->from != WW_DAY_NONE && day < p->from)
        return false;
    if (p->until != WW_DAY_NONE && day > p->until)
        return false;
    if (p->every > 1) {
        int32_t weeks = (monday_of(day) - monday_of(p->anchor)) / 7;
        if (weeks % p->every != 0)
            return false;
    }
    return true;
}

static int block_cmp(const void *a, const void *b)
{
    const struct ww_block *x = a, *y = b;
    if (x->time[0] != y->time[0])
        return x->time[0] < y->time[0] ? -1 : 1;
    if (x->partner != y->partner)
        return x->partner < y->partner ? -1 : 1;
    return 0;
}

static const struct ww_override *override_for(const struct ww_config *cfg, size_t partner,
                                              const struct ww_override *ov, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ov[i].partner, cfg->partners[partner].id) == 0)
            return &ov[i];
    return NULL;
}

void ww_schedule_day(const struct ww_config *cfg, const struct ww_location *loc, ww_day day,
                     const struct ww_override *ov, size_t n_ov, struct ww_day_plan *out)
{
    memset(out, 0, sizeof *out);
    out->day = day;
    out->closed = ww_config_closed(cfg, loc, day, &out->closed_reason);
    if (!out->closed) {
        for (size_t i = 0; i < loc->n_presence && out->n < WW_MAX_BLOCKS; i++) {
            const struct ww_presence *p = &loc->presence[i];
            if (!ww_presence_applies(p, day))
                continue;
            if (override_for(cfg, p->partner, ov, n_ov)) {
                /* Staff decided for this partner today: the pattern is replaced. */
                bool listed = false;
                for (size_t a = 0; a < out->n_absent; a++)
                    listed |= out->absent[a] == p->partner;
                if (!listed && out->n_absent < WW_MAX_BLOCKS)
                    out->absent[out->n_absent++] = p->partner;
                continue;
            }
            struct ww_block *b = &out->blocks[out->n++];
            b->partner = p->partner;
            b->time[0] = p->time[0];
            b->time[1] = p->time[1];
            b->desks = p->desks;
            ww_strlcpy(b->room, p->room, sizeof b->room);
        }
    }
    for (size_t i = 0; i < n_ov && out->n < WW_MAX_BLOCKS; i++) {
        size_t pi;
        if (!ww_config_partner(cfg, ov[i].partner, &pi))
            continue; /* a partner removed from the config since the change */
        if (ov[i].kind != WW_OVERRIDE_PRESENT) {
            /* Absent: it is in `absent` when the pattern had it; drop it from
             * the list when present is in it for another reason. */
            continue;
        }
        /* Present: remove it from the absent list (it was replaced, not gone). */
        for (size_t a = 0; a < out->n_absent; a++)
            if (out->absent[a] == pi) {
                out->absent[a] = out->absent[--out->n_absent];
                break;
            }
        struct ww_block *b = &out->blocks[out->n++];
        b->partner = pi;
        b->time[0] = ov[i].time[0];
        b->time[1] = ov[i].time[1];
        b->desks = ov[i].desks;
        b->changed = true;
        if (*ov[i].room)
            ww_strlcpy(b->room, ov[i].room, sizeof b->room);
        else
            for (size_t k = 0; k < loc->n_presence; k++)
                if (loc->presence[k].partner == pi) {
                    ww_strlcpy(b->room, loc->presence[k].room, sizeof b->room);
                    break;
                }
    }
    qsort(out->blocks, out->n, sizeof out->blocks[0], block_cmp);
}

const struct ww_block *ww_plan_find(const struct ww_day_plan *plan, size_t partner)
{
    for (size_t i = 0; i < plan->n; i++)
        if (plan->blocks[i].partner == partner)
            return &plan->blocks[i];
    return NULL;
}

size_t ww_plan_slots(const struct ww_config *cfg, const struct ww_day_plan *plan, size_t partner,
                     int from_minute, struct ww_slot *out, size_t cap)
{
    size_t n = 0;
    int len = cfg->partners[partner].slot_minutes;
    for (size_t i = 0; i < plan->n; i++) {
        const struct ww_block *b = &plan->blocks[i];
        if (b->partner != partner)
            continue;
        for (int t = b->time[0]; t + len <= b->time[1] && n < cap; t += len) {
            if (t < from_minute)
                continue;
            out[n++] = (struct ww_slot){partner, t, len, b->desks, 0};
        }
    }
    return n;
}
