/* Text for writers that demand valid UTF-8 (jansson, libyaml): a copy with
 * every byte that is not well-formed UTF-8 replaced by U+FFFD. */
#ifndef PARTNERDESK_IO_UTF8_H
#define PARTNERDESK_IO_UTF8_H

/* An allocated copy of s with bad sequences replaced (NULL s gives NULL;
 * NULL also when out of memory). */
char *pd_utf8_repair(const char *s);

#endif
