/*
 * http.h — the API and UI server (libmicrohttpd, thread pool).
 */
#ifndef HN_HTTP_H
#define HN_HTTP_H

#include "core/config.h"
#include "core/error.h"
#include "store/store.h"

struct server;

/*
 * Start serving on cfg->listen with cfg->threads threads; web_root ("" for
 * none) holds the UI's static files. The pool is borrowed for the server's
 * life. Returns NULL with e filled when the address cannot be bound.
 */
struct server *server_start(const struct config *cfg, const char *web_root,
			    struct store_pool *pool, struct error *e);

/* Stop accepting, finish requests in flight, free the server. */
void server_stop(struct server *s);

#endif
