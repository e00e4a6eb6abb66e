/* recpool.c — see recpool.h. */
#include "cli/recpool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmdline.h"
#include "decode/decode.h"
#include "decode/vec.h"

/* A batch is sealed (handed to the workers) at this many bytes of records or
 * items; output is written a batch at a time. */
#define BATCH_BYTES (256u << 10)
#define BATCH_ITEMS 4096u

/* A PEER_INDEX_TABLE or a source's end, which every worker applies to its
 * decoder in input order (abs: its place in the run's list of them). */
struct sync {
	enum rp_kind kind;          /* RP_PEER_INDEX or RP_SOURCE_END */
	uint32_t source, collector;
	struct mrt_record rec;      /* RP_PEER_INDEX: body is bytes */
	uint8_t *bytes;
};

struct item {
	enum rp_kind kind;
	uint32_t source, collector;
	struct mrt_record rec;      /* RP_RECORD: body set from body_off once sealed */
	size_t body_off;
	uint64_t sync_upto;         /* sync points applied before this item */
	struct sync *ent;           /* RP_PEER_INDEX: its sync point */
	/* results: the worker's (RP_RECORD) */
	int status;
	bool cut;
	size_t why_off;             /* into the batch's wtext */
	size_t peers_end;           /* its peers are [previous item's, this) */
	size_t elems_end;           /* keep mode: its elements likewise */
	bool here;                  /* keep mode: to be decoded by the caller */
	/* RP_DAMAGE */
	struct damage dmg;
	size_t reason_off, path_off;    /* into the batch's text */
};

enum bstate { B_FREE, B_FILLING, B_SEALED, B_WORKING, B_DONE };

struct vec {                    /* a growable byte buffer, reused batch after batch */
	char *p;
	size_t len, cap;
};

struct batch {
	enum bstate state;
	struct item *items;
	size_t nitems, icap;
	struct vec arena;           /* the records' bodies (the filling thread's) */
	struct vec text;            /* damage reasons (the filling thread's) */
	struct vec wtext;           /* the worker's why strings */
	struct vec out;             /* the worker's formatted bytes */
	struct rp_peer *peers;      /* the worker's update peers */
	size_t npeers, pcap;
	struct elem *elems;         /* keep mode: the worker's far elements */
	uint32_t *runs;             /* ... each standing for this many alike */
	size_t nelems, ecap;
	bool oom;                   /* the worker ran out of memory on its buffers */
};

struct worker {
	struct recpool *p;
	pthread_t t;
	struct decoder *dec;
	struct outbuf *out;         /* formatting into the batch's out, lent to it */
	struct batch *b;            /* being worked on */
	size_t rec_first;           /* keep mode: the record's first element in b */
	bool here;                  /* ... it has one that is not far */
	uint64_t applied;           /* sync points applied to dec */
	uint64_t applied_pub;       /* the same, under the lock, once its batch is done */
	struct sync **pend;         /* the ones this batch needs */
	size_t npend, pendcap;
};

struct recpool {
	struct recpool_cfg cfg;
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct batch *ring;
	size_t nring;
	uint64_t fill_seq;          /* the batch the caller fills (or will) */
	struct batch *fill;         /* ... at(fill_seq), kept (no division per record) */
	uint64_t sealed;            /* batches [0, sealed) are sealed */
	uint64_t next_work;         /* the next sealed batch a worker takes */
	uint64_t retire_seq;        /* the next batch to retire */
	bool stop, halted;
	bool open;                  /* the batch at fill_seq is being filled */
	struct worker *w;
	int nw, started;
	/* sync points [base, base + nsync); those every worker applied and the
	 * caller retired are freed (the list stays as long as the tables held). */
	struct sync **sync;
	size_t nsync, synccap;
	uint64_t sync_base;
	uint64_t retired_sync;
};

static bool vec_room(struct vec *v, size_t n)
{
	char *q = vec_grow(v->p, &v->cap, v->len + n, 1, 4096);
	if (q)
		v->p = q;
	return q != NULL;
}

static inline bool vec_add(struct vec *v, const void *p, size_t n)
{
	if (v->cap - v->len < n && !vec_room(v, n))
		return false;
	memcpy(v->p + v->len, p, n);
	v->len += n;
	return true;
}

static struct batch *at(struct recpool *p, uint64_t seq) { return &p->ring[seq % p->nring]; }

/* ---- the workers ------------------------------------------------------------ */

/* The worker formats straight into its batch's out, OUTBUF_SIZE bytes at a
 * time (outbuf.h): n bytes were written at its end. */
static char *lend(void *arg, size_t n)
{
	struct worker *w = arg;
	struct vec *v = &w->b->out;
	v->len += n;
	if (v->cap - v->len < OUTBUF_SIZE && !vec_room(v, OUTBUF_SIZE)) {
		w->b->oom = true;
		return NULL;
	}
	return v->p + v->len;
}

static void add_peer(struct batch *b, uint32_t collector, uint32_t source, const struct addr *ip)
{
	if (b->npeers == b->pcap) {
		struct rp_peer *q = vec_grow(b->peers, &b->pcap, b->npeers + 1, sizeof *q, 256);
		if (!q) {
			b->oom = true;
			return;
		}
		b->peers = q;
	}
	b->peers[b->npeers++] = (struct rp_peer){ collector, source, *ip };
}

static void on_elem_peer(struct worker *w, const struct elem *e)
{
	struct batch *b = w->b;
	if (b->npeers > 0) {
		const struct rp_peer *l = &b->peers[b->npeers - 1];
		if (l->collector == e->collector && l->ip.afi == e->peer_ip.afi &&
		    memcmp(l->ip.b, e->peer_ip.b, sizeof l->ip.b) == 0)
			return;     /* identity_update_peer would skip it too */
	}
	add_peer(b, e->collector, e->source, &e->peer_ip);
}

static int worker_elem(const struct elem *e, void *arg)
{
	struct worker *w = arg;
	if (e->type != ELEM_RIB)
		on_elem_peer(w, e);
	w->p->cfg.elem(e, w->out, w->p->cfg.elem_arg);
	return 0;
}

/* Two far elements of one record the consumer takes alike (elem_far). */
static bool alike(const struct elem *a, const struct elem *b)
{
	return a->type == b->type && a->safi == b->safi && a->prefix.addr.afi == b->prefix.addr.afi &&
	       a->peer_key == b->peer_key && a->peer_as == b->peer_as && a->ts == b->ts &&
	       a->peer_key != 0;
}

/* Keep mode: a far element is kept (attributes dropped); the first that is
 * not stops the record's decoding, the caller's thread decodes it. */
static int worker_keep(const struct elem *e, void *arg)
{
	struct worker *w = arg;
	struct batch *b = w->b;
	if (!w->p->cfg.far(e, w->p->cfg.far_arg)) {
		w->here = true;
		return 1;
	}
	if (b->nelems > w->rec_first && alike(&b->elems[b->nelems - 1], e)) {
		b->runs[b->nelems - 1]++;
		return 0;
	}
	if (b->nelems == b->ecap) {
		/* Both arrays grow from one capacity, which moves once both have. */
		size_t ecap = b->ecap, rcap = b->ecap;
		struct elem *q = vec_grow(b->elems, &ecap, b->nelems + 1, sizeof *q, 1024);
		if (q)
			b->elems = q;
		uint32_t *n = q ? vec_grow(b->runs, &rcap, b->nelems + 1, sizeof *n, 1024) : NULL;
		if (!n) {
			b->oom = true;
			return 1;
		}
		b->runs = n;
		b->ecap = ecap;
	}
	b->elems[b->nelems] = *e;
	b->elems[b->nelems].attrs = NULL;
	b->runs[b->nelems++] = 1;
	return 0;
}

/* Keep mode: the update peer of a far record, as decode_here notes it. */
static void keep_peer(struct worker *w, const struct item *it)
{
	const struct addr *peer = decoder_update_peer(w->dec);
	if (peer)
		add_peer(w->b, it->collector, it->source, peer);
}

static int no_elem(const struct elem *e, void *arg)
{
	(void)e;
	(void)arg;
	return 0;
}

/* Applies the sync points this worker has not yet, up to upto. */
static void apply_sync(struct worker *w, uint64_t upto, size_t *k)
{
	while (w->applied < upto && *k < w->npend) {
		const struct sync *s = w->pend[(*k)++];
		const char *why;
		if (s->kind == RP_PEER_INDEX)
			(void)decode_record(w->dec, &s->rec, s->source, s->collector, no_elem, NULL, &why);
		else
			decoder_source_done(w->dec, s->source);
		w->applied++;
	}
}

static void work_batch(struct worker *w, struct batch *b)
{
	struct recpool *p = w->p;
	uint64_t first = w->applied, upto = b->nitems ? b->items[b->nitems - 1].sync_upto : first;
	size_t k = 0;

	/* The sync points it needs, fetched under the lock (the list grows). */
	pthread_mutex_lock(&p->mu);
	w->npend = 0;
	if (upto > first && upto - first > w->pendcap) {
		struct sync **q = realloc(w->pend, (size_t)(upto - first) * sizeof *q);
		if (q) {
			w->pend = q;
			w->pendcap = (size_t)(upto - first);
		}
	}
	for (uint64_t i = first; i < upto && w->npend < w->pendcap; i++)
		w->pend[w->npend++] = p->sync[i - p->sync_base];
	pthread_mutex_unlock(&p->mu);
	if (w->npend < upto - first)
		b->oom = true;

	w->b = b;
	b->out.len = b->wtext.len = 0;
	b->npeers = b->nelems = 0;
	bool keep = p->cfg.far != NULL;
	out_init_lent(w->out, lend, w);
	for (size_t i = 0; i < b->nitems; i++) {
		struct item *it = &b->items[i];
		apply_sync(w, it->sync_upto, &k);
		if (it->kind == RP_RECORD) {
			const char *why = NULL;
			uint64_t f0 = 0, f1 = 0;
			uint64_t c0 = decoder_source_cuts(w->dec, it->source, &f0);
			w->rec_first = b->nelems;
			w->here = false;
			int r = decode_record(w->dec, &it->rec, it->source, it->collector,
			                      keep ? worker_keep : worker_elem, w, &why);
			it->cut = decoder_source_cuts(w->dec, it->source, &f1) > c0;
			if (keep) {
				it->here = w->here || r != 0 || it->cut;
				if (it->here)
					b->nelems = w->rec_first;
				else
					keep_peer(w, it);
				r = 0;          /* the caller's decoder finds its damage */
			}
			it->status = r < 0 ? -1 : 0;
			it->why_off = b->wtext.len;
			if (r < 0 && !vec_add(&b->wtext, why ? why : "damaged record",
			                      strlen(why ? why : "damaged record") + 1))
				b->oom = true;
		}
		it->peers_end = b->npeers;
		it->elems_end = b->nelems;
	}
	out_flush(w->out);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct recpool *p = w->p;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->next_work >= p->sealed)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop)
			break;
		struct batch *b = at(p, p->next_work++);
		b->state = B_WORKING;
		pthread_mutex_unlock(&p->mu);
		work_batch(w, b);
		pthread_mutex_lock(&p->mu);
		b->state = B_DONE;
		w->applied_pub = w->applied;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- retiring, on the caller's thread ------------------------------------------ */

/* Frees the sync points every worker applied and the caller retired. */
static void collect_sync(struct recpool *p)
{
	uint64_t low = p->retired_sync;
	for (int i = 0; i < p->started; i++)
		if (p->w[i].applied_pub < low)
			low = p->w[i].applied_pub;
	size_t n = low > p->sync_base ? (size_t)(low - p->sync_base) : 0;
	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		free(p->sync[i]->bytes);
		free(p->sync[i]);
	}
	memmove(p->sync, p->sync + n, (p->nsync - n) * sizeof *p->sync);
	p->nsync -= n;
	p->sync_base += n;
}

static void retire_batch(struct recpool *p, struct batch *b)
{
	size_t peers_at = 0, elems_at = 0;
	struct rp_view v = { .kind = RP_RECORD };   /* its fields are set by kind */

	if (b->oom)
		cmdline_out_of_memory();    /* what the batch lacks cannot be made up */
	for (size_t i = 0; i < b->nitems && !p->halted; i++) {
		struct item *it = &b->items[i];
		v.kind = it->kind;
		v.source = it->source;
		v.collector = it->collector;
		switch (it->kind) {
		case RP_RECORD:
			v.rec = &it->rec;
			v.status = it->status;
			v.cut = it->cut;
			v.why = it->status < 0 ? b->wtext.p + it->why_off : NULL;
			v.peers = b->peers + peers_at;
			v.npeers = it->peers_end - peers_at;
			v.here = it->here;
			v.elems = b->elems + elems_at;
			v.runs = b->runs + elems_at;
			v.nelems = it->elems_end - elems_at;
			break;
		case RP_PEER_INDEX:
			v.rec = &it->ent->rec;
			break;
		case RP_DAMAGE:
			it->dmg.reason = b->text.p + it->reason_off;
			if (it->dmg.path)
				it->dmg.path = b->text.p + it->path_off;
			v.damage = &it->dmg;
			v.rec = NULL;
			break;
		case RP_SOURCE_END:
			v.rec = NULL;
			break;
		}
		peers_at = it->peers_end;
		elems_at = it->elems_end;
		p->cfg.retire(&v, p->cfg.arg);
	}
	if (!p->halted && b->out.len > 0 && p->cfg.write && !p->cfg.write(b->out.p, b->out.len, p->cfg.arg))
		p->halted = true;
	pthread_mutex_lock(&p->mu);
	if (b->nitems > 0)
		p->retired_sync = b->items[b->nitems - 1].sync_upto;
	collect_sync(p);
	b->state = B_FREE;
	pthread_mutex_unlock(&p->mu);
	b->nitems = 0;
	b->arena.len = b->text.len = 0;
}

/* Retires the finished batches at the head; with wait, at least one. */
static void retire(struct recpool *p, bool wait)
{
	for (;;) {
		if (p->retire_seq >= p->sealed)
			return;
		struct batch *b = at(p, p->retire_seq);
		pthread_mutex_lock(&p->mu);
		while (wait && b->state != B_DONE)
			pthread_cond_wait(&p->done, &p->mu);
		bool ready = b->state == B_DONE;
		pthread_mutex_unlock(&p->mu);
		if (!ready)
			return;
		retire_batch(p, b);
		p->retire_seq++;
		wait = false;
	}
}

/* ---- filling, on the caller's thread ------------------------------------------- */

static void seal(struct recpool *p)
{
	struct batch *b = p->fill;
	for (size_t i = 0; i < b->nitems; i++)
		if (b->items[i].kind == RP_RECORD)
			b->items[i].rec.body = (const uint8_t *)b->arena.p + b->items[i].body_off;
	pthread_mutex_lock(&p->mu);
	b->state = B_SEALED;
	p->open = false;
	p->fill_seq++;
	p->fill = at(p, p->fill_seq);
	p->sealed = p->fill_seq;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
	retire(p, false);
}

/* The batch being filled, with room for one more item; NULL when out of memory. */
static struct batch *filling(struct recpool *p)
{
	struct batch *b = p->fill;
	if (p->open && (b->nitems >= BATCH_ITEMS || b->arena.len >= BATCH_BYTES)) {
		seal(p);
		b = p->fill;
	}
	if (!p->open) {
		/* Its slot is free once the batch that held it was retired. */
		while (p->fill_seq - p->retire_seq >= p->nring)
			retire(p, true);
		pthread_mutex_lock(&p->mu);
		b->state = B_FILLING;
		pthread_mutex_unlock(&p->mu);
		p->open = true;
	}
	if (b->nitems == b->icap) {
		size_t cap = b->icap ? 2 * b->icap : 256;
		struct item *q = realloc(b->items, cap * sizeof *q);
		if (!q)
			return NULL;
		b->items = q;
		b->icap = cap;
	}
	return b;
}

static uint64_t sync_count(const struct recpool *p) { return p->sync_base + p->nsync; }

static struct item *add_item(struct recpool *p, enum rp_kind kind, uint32_t source,
                             uint32_t collector)
{
	struct batch *b = filling(p);
	if (!b)
		return NULL;
	/* Field by field: a memset of the whole item, once per record, costs
	 * more (the damage and record parts are set by their kinds). */
	struct item *it = &b->items[b->nitems++];
	it->kind = kind;
	it->source = source;
	it->collector = collector;
	it->sync_upto = sync_count(p);
	it->ent = NULL;
	it->status = 0;
	it->cut = it->here = false;
	return it;
}

bool recpool_record(struct recpool *p, const struct mrt_record *rec, uint32_t source,
                    uint32_t collector)
{
	if (p->halted)
		return true;
	struct item *it = add_item(p, RP_RECORD, source, collector);
	if (!it)
		return false;
	struct batch *b = p->fill;
	it->rec = *rec;
	it->rec.body = NULL;
	it->body_off = b->arena.len;
	if (!vec_add(&b->arena, rec->body, rec->len)) {
		b->nitems--;
		return false;
	}
	return true;
}

/* Appends a sync point (the caller's thread alone appends; workers read
 * under the lock). */
static struct sync *add_sync(struct recpool *p, enum rp_kind kind, uint32_t source,
                             uint32_t collector, const struct mrt_record *rec)
{
	struct sync *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->kind = kind;
	s->source = source;
	s->collector = collector;
	if (rec) {
		s->rec = *rec;
		s->bytes = malloc(rec->len ? rec->len : 1);
		if (!s->bytes) {
			free(s);
			return NULL;
		}
		memcpy(s->bytes, rec->body, rec->len);
		s->rec.body = s->bytes;
	}
	pthread_mutex_lock(&p->mu);
	if (p->nsync == p->synccap) {
		size_t cap = p->synccap ? 2 * p->synccap : 16;
		struct sync **q = realloc(p->sync, cap * sizeof *q);
		if (!q) {
			pthread_mutex_unlock(&p->mu);
			free(s->bytes);
			free(s);
			return NULL;
		}
		p->sync = q;
		p->synccap = cap;
	}
	p->sync[p->nsync++] = s;
	pthread_mutex_unlock(&p->mu);
	return s;
}

bool recpool_peer_index(struct recpool *p, const struct mrt_record *rec, uint32_t source,
                        uint32_t collector)
{
	if (p->halted)
		return true;
	struct item *it = add_item(p, RP_PEER_INDEX, source, collector);
	if (!it)
		return false;
	it->ent = add_sync(p, RP_PEER_INDEX, source, collector, rec);
	if (!it->ent) {
		p->fill->nitems--;
		return false;
	}
	it->sync_upto = sync_count(p);
	return true;
}

bool recpool_source_end(struct recpool *p, uint32_t source)
{
	if (p->halted)
		return true;
	struct item *it = add_item(p, RP_SOURCE_END, source, 0);
	if (!it)
		return false;
	/* Items after it apply it: the workers forget the source's table. */
	return add_sync(p, RP_SOURCE_END, source, 0, NULL) != NULL;
}

bool recpool_damage(struct recpool *p, const struct damage *d)
{
	if (p->halted)
		return true;
	struct item *it = add_item(p, RP_DAMAGE, d->source, 0);
	if (!it)
		return false;
	struct batch *b = p->fill;
	it->dmg = *d;
	/* Both strings live only for the call (damage.h). */
	const char *r = d->reason ? d->reason : "", *path = d->path ? d->path : "";
	it->reason_off = b->text.len;
	it->path_off = b->text.len + strlen(r) + 1;
	if (!vec_add(&b->text, r, strlen(r) + 1) || !vec_add(&b->text, path, strlen(path) + 1)) {
		b->nitems--;
		return false;
	}
	return true;
}

void recpool_finish(struct recpool *p)
{
	if (p->open)
		seal(p);
	while (p->retire_seq < p->sealed)
		retire(p, true);
}

bool recpool_halted(const struct recpool *p) { return p->halted; }

void recpool_halt(struct recpool *p) { p->halted = true; }

/* ---- life cycle ---------------------------------------------------------------- */

struct recpool *recpool_new(const struct recpool_cfg *cfg)
{
	struct recpool *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->cfg = *cfg;
	p->nw = cfg->workers < 1 ? 1 : cfg->workers;
	/* Each worker's batch, one more waiting for each, and the one filling. */
	p->nring = 2 * (size_t)p->nw + 1;
	p->ring = calloc(p->nring, sizeof *p->ring);
	p->fill = p->ring;
	p->w = calloc((size_t)p->nw, sizeof *p->w);
	if (!p->ring || !p->w || pthread_mutex_init(&p->mu, NULL) != 0) {
		free(p->ring);
		free(p->w);
		free(p);
		return NULL;
	}
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	for (int i = 0; i < p->nw; i++) {
		struct worker *w = &p->w[i];
		w->p = p;
		w->dec = decoder_new();
		w->out = malloc(sizeof *w->out);
		if (!w->dec || !w->out)
			break;
		decoder_set_addpath_guess(w->dec, cfg->addpath_guess);
		if (pthread_create(&w->t, NULL, worker_main, w) != 0)
			break;
		p->started++;
	}
	if (p->started < p->nw) {
		recpool_free(p);
		return NULL;
	}
	return p;
}

void recpool_free(struct recpool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->started; i++)
		pthread_join(p->w[i].t, NULL);
	for (int i = 0; i < p->nw; i++) {
		decoder_free(p->w[i].dec);
		free(p->w[i].out);
		free(p->w[i].pend);
	}
	for (size_t i = 0; i < p->nring; i++) {
		struct batch *b = &p->ring[i];
		free(b->items);
		free(b->arena.p);
		free(b->text.p);
		free(b->wtext.p);
		free(b->out.p);
		free(b->peers);
		free(b->elems);
		free(b->runs);
	}
	for (size_t i = 0; i < p->nsync; i++) {
		free(p->sync[i]->bytes);
		free(p->sync[i]);
	}
	free(p->sync);
	pthread_cond_destroy(&p->work);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p->ring);
	free(p->w);
	free(p);
}
