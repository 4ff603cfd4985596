/* Windows-1252 to UTF-8: spreadsheets saved by older Excel on Windows are
 * in this code page, and a library should not have to re-save them. */
#ifndef PARTNERDESK_IO_WIN1252_H
#define PARTNERDESK_IO_WIN1252_H

#include <stdbool.h>
#include <stddef.h>

/* Converts len bytes of Windows-1252 to a newly allocated, NUL-terminated
 * UTF-8 string; *out_len gets its length (may be NULL). The five bytes the
 * code page leaves undefined become U+FFFD. NULL only when out of memory. */
char *pd_win1252_to_utf8(const char *s, size_t len, size_t *out_len);

/* The offset of the first of those five undefined bytes (0x81 0x8D 0x8F
 * 0x90 0x9D), or len when there is none: a file holding one is in another
 * code page (Mac Roman, a DOS one), and reading it as this one would turn
 * its letters into U+FFFD without a word. */
size_t pd_win1252_undefined(const char *s, size_t len);

/* The offset of the first byte that, read as Windows-1252, makes a word
 * no Windows-1252 text holds but Mac Roman text (Excel for Mac's "CSV")
 * does: "MŸnchen", "CafŽ", "Stra§e" for München, Café, Straße; and the ’
 * – — œ š that Mac Roman's í ñ ó ú ö become, where they fall in a word as
 * no apostrophe, dash or French œ does ("Garc’a", "Espa–a",
 * "Asociaci—n", "pœblico", "Kšln"). len when there is none. Only such
 * bytes inside a word count, so that a real Windows-1252 file (O’Brien,
 * l’Église, "library—and", "Mon–Fri", cœur, Košice) passes; a Mac file
 * whose only such letters fall where Windows-1252's would ("Mart’n",
 * "R’o", "Bjšrk") is not found. */
size_t pd_win1252_mac_roman(const char *s, size_t len);

/* True when the buffer holds at least one well-formed multi-byte UTF-8
 * sequence: a file with these and invalid bytes as well is damaged, not
 * Windows-1252. */
bool pd_utf8_has_multibyte(const char *s, size_t len);

#endif
