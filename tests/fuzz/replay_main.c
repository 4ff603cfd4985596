/* A plain main() for every fuzz harness: replays each file of the corpus
 * directories (or files) named on the command line through
 * LLVMFuzzerTestOneInput, so every build runs the inputs that once crashed
 * a reader and keeps them fixed. TAP output, one line per input. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int n;

static void replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		printf("not ok %d - cannot read %s\n", ++n, path);
		return;
	}
	size_t cap = 4096, len = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			uint8_t *nb = realloc(buf, cap * 2);
			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	/* A copy of exactly len bytes, so ASan sees any read past the end. */
	uint8_t *exact = malloc(len ? len : 1);
	if (buf && exact) {
		memcpy(exact, buf, len);
		LLVMFuzzerTestOneInput(exact, len);
	}
	free(exact);
	free(buf);
	printf("ok %d - %s\n", ++n, path);
	fflush(stdout);
}

static void replay(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		printf("not ok %d - no %s\n", ++n, path);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		replay_file(path);
		return;
	}
	struct dirent **names;
	int count = scandir(path, &names, NULL, alphasort);
	for (int i = 0; i < count; i++) {
		if (names[i]->d_name[0] != '.') {
			char full[4096];
			snprintf(full, sizeof full, "%s/%s", path, names[i]->d_name);
			replay(full);
		}
		free(names[i]);
	}
	if (count >= 0)
		free(names);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		replay(argv[i]);
	printf("1..%d\n", n);
	return 0;
}
