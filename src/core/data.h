/*
 * data.h — data files shipped inside the binary (the .tsv files of data/, embedded at
 * build time by scripts/embed.sh).
 */
#ifndef HN_DATA_H
#define HN_DATA_H

#include <stddef.h>

/*
 * The bytes of the shipped file `name` (base name, e.g. "unit-aliases.tsv"),
 * NUL-terminated, static; its length in *len when len is not NULL.
 * NULL when no such file was embedded.
 */
const char *hn_data(const char *name, size_t *len);

#endif
