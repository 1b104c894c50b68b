/* Fuzz target: a question flow file as a content author might write it. The
 * loader must report, never crash; what it accepts must be walkable. */
#include "flow.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ww_flows flows;
    struct ww_diags d;
    ww_diags_init(&d);
    bool ok = ww_flows_load_text(&flows, (const char *)data, size, "fuzz.flow", NULL, &d);
    if (ok) {
        /* Accepted: every answer leads somewhere and the start is a question. */
        for (size_t t = 0; t < flows.n_topics; t++) {
            const struct ww_flow_topic *topic = &flows.topics[t];
            if (topic->start.kind != WW_NODE_QUESTION ||
                topic->n_questions + topic->n_outcomes > WW_FLOW_MAX_NODES)
                __builtin_trap();
            for (size_t q = 0; q < topic->n_questions; q++) {
                const struct ww_flow_question *qu = &topic->questions[q];
                /* ... and no path is longer than a session holds. */
                if (qu->n_answers < 2 || qu->n_answers > 5 || qu->depth < 1 ||
                    qu->depth > WW_FLOW_MAX_DEPTH)
                    __builtin_trap();
                for (size_t a = 0; a < qu->n_answers; a++)
                    if (qu->answers[a].target.kind == WW_NODE_NONE)
                        __builtin_trap();
            }
        }
        struct ww_diags e, w;
        ww_diags_init(&e);
        ww_diags_init(&w);
        struct ww_flow_check_params p = {NULL, NULL, NULL, 0, NULL};
        ww_flows_check(&flows, &p, &e, &w);
        ww_diags_destroy(&e);
        ww_diags_destroy(&w);
    }
    ww_flows_destroy(&flows);
    ww_diags_destroy(&d);
    return 0;
}
