/* pipeline.c — see pipeline.h. */
#include "cli/pipeline.h"

#include "cli/cmdline.h"
#include "decode/decode.h"
#include "report/diag.h"
#include "report/progress.h"

int pipeline_run(const char *const *paths, size_t n, const struct pipeline_consumer *c)
{
	static const struct pipeline_hooks none = { NULL, NULL };
	return pipeline_run_hooks(paths, n, c, &none);
}

int pipeline_run_hooks(const char *const *paths, size_t n, const struct pipeline_consumer *c,
                       const struct pipeline_hooks *h)
{
	char err[512];
	struct merge *m = merge_open(paths, n, err, sizeof err);
	if (!m)
		diag_usage("%s", err);

	struct decoder *d = decoder_new();
	if (!d)
		cmdline_out_of_memory();
	if (c->on_start)
		c->on_start(m, c->arg);
	struct progress prog;
	progress_begin(&prog, m, c->progress, c->streams_stdout);

	struct mrt_record rec;
	const struct source *src;
	int r;
	while ((r = merge_next(m, &rec, &src)) != MERGE_DONE) {
		progress_record(&prog);
		if (r == MERGE_SOURCE_END) {
			progress_poll(&prog);
			decoder_source_done(d, src->index);
			if (c->on_source_end)
				c->on_source_end(src, m, c->arg);
			continue;
		}
		if (h->on_record)
			h->on_record(&rec, src, c->arg);
		const char *why = NULL;
		int s = decode_record(d, &rec, src->index, src->collector, c->on_elem, c->arg, &why);
		if (s < 0) {
			progress_clear(&prog);
			diag_damage(src->path, rec.offset, "%s", why ? why : "damaged record");
		} else if (s > 0)
			break;          /* the consumer asked to stop */
	}
	progress_end(&prog);
	if (h->on_done)
		h->on_done(decoder_stats(d), c->arg);
	decoder_free(d);
	merge_close(m);
	return diag_damage_count() ? EXIT_DAMAGED : EXIT_OK;
}
