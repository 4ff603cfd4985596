/* A test-only LD_PRELOAD shim that makes the world misbehave on request:
 * PD_SHIM_ENOSPC=TEXT fails every write to a file whose path contains TEXT
 * with ENOSPC (a full disk where no small tmpfs can be mounted), and
 * PD_SHIM_NFS=TEXT makes statfs() of such a path report NFS (a database on
 * a network file system without one), and PD_SHIM_RACE=TEXT makes a file
 * appear at a path containing TEXT just before link() or rename() puts
 * something there (someone else saving that file at the worst moment),
 * and PD_SHIM_SWAP=TEXT writes the bytes of PD_SHIM_SWAP_FROM over
 * PD_SHIM_SWAP_TO, in place, just before link() or rename() puts
 * something at a path containing TEXT (a file's owner changing it after
 * it was checked), and PD_SHIM_PLANT=TEXT puts links PATH-journal and
 * PATH-wal to PD_SHIM_PLANT_TO, as user 65534's, beside each file or
 * directory mkstemp or mkdtemp makes at a path containing TEXT (another
 * user who watched the directory and was quicker than SQLite), which
 * unlink() then may not remove, as the sticky bit has it for anyone but
 * root (the suite runs as root), and PD_SHIM_STOP=TEXT stops the program
 * (SIGSTOP) right after a link(), rename() or rmdir() of a path whose last
 * part contains TEXT, the first time (a signal at a chosen moment), and
 * PD_SHIM_STOP_COPY=1 stops it after every step of an SQLite online backup
 * (someone changing the desk just as each copy of it is made). Never
 * linked into the program. */
/* Both the plain and the 64-bit names are defined here, so neither may be
 * redirected to the other. */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define NFS_SUPER_MAGIC 0x6969

static bool fd_matches(int fd)
{
	const char *want = getenv("PD_SHIM_ENOSPC");
	if (!want || !*want)
		return false;
	char link[64], path[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return false;
	path[n] = '\0';
	return strstr(path, want) != NULL;
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void *buf, size_t n)
{
	if (n > 0 && fd_matches(fd)) {
		errno = ENOSPC;
		return -1;
	}
	return NEXT(write)(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	if (n > 0 && fd_matches(fd)) {
		errno = ENOSPC;
		return -1;
	}
	return NEXT(pwrite)(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	if (n > 0 && fd_matches(fd)) {
		errno = ENOSPC;
		return -1;
	}
	return NEXT(pwrite64)(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	if (cnt > 0 && fd_matches(fd)) {
		errno = ENOSPC;
		return -1;
	}
	return NEXT(writev)(fd, iov, cnt);
}

int fallocate(int fd, int mode, off_t off, off_t len)
{
	if (fd_matches(fd)) {
		errno = ENOSPC;
		return -1;
	}
	return NEXT(fallocate)(fd, mode, off, len);
}

int ftruncate(int fd, off_t len)
{
	/* Growing a file on a full disk fails; shrinking it is always allowed. */
	if (fd_matches(fd)) {
		off_t end = lseek(fd, 0, SEEK_END);
		if (end >= 0 && len > end) {
			errno = ENOSPC;
			return -1;
		}
	}
	return NEXT(ftruncate)(fd, len);
}

static bool path_nfs(const char *path)
{
	const char *want = getenv("PD_SHIM_NFS");
	return want && *want && path && strstr(path, want) != NULL;
}

int statfs(const char *path, struct statfs *buf)
{
	int r = NEXT(statfs)(path, buf);
	if (path_nfs(path)) {
		if (r != 0) {
			memset(buf, 0, sizeof *buf);
			r = 0;
		}
		buf->f_type = NFS_SUPER_MAGIC;
	}
	return r;
}

int statfs64(const char *path, struct statfs64 *buf)
{
	int r = NEXT(statfs64)(path, buf);
	if (path_nfs(path)) {
		if (r != 0) {
			memset(buf, 0, sizeof *buf);
			r = 0;
		}
		buf->f_type = NFS_SUPER_MAGIC;
	}
	return r;
}

/* Someone else's file appears at newpath, as if saved between a caller's
 * look and its rename. */
static void race(const char *newpath)
{
	const char *want = getenv("PD_SHIM_RACE");
	if (!want || !*want || !strstr(newpath, want))
		return;
	int fd = NEXT(open)(newpath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	static const char theirs[] = "someone else's file\n";
	ssize_t n = NEXT(write)(fd, theirs, sizeof theirs - 1);
	(void)n;
	close(fd);
}

/* The file PD_SHIM_SWAP_TO becomes PD_SHIM_SWAP_FROM's bytes, same inode. */
static void swap(const char *newpath)
{
	const char *want = getenv("PD_SHIM_SWAP"), *from = getenv("PD_SHIM_SWAP_FROM");
	const char *to = getenv("PD_SHIM_SWAP_TO");
	if (!want || !*want || !from || !to || !strstr(newpath, want))
		return;
	int in = NEXT(open)(from, O_RDONLY | O_CLOEXEC), out = NEXT(open)(to, O_WRONLY | O_CLOEXEC);
	off_t total = 0;
	char buf[65536];
	ssize_t n;
	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0 &&
	       NEXT(write)(out, buf, (size_t)n) == n)
		total += n;
	if (out >= 0) {
		int rc = NEXT(ftruncate)(out, total);
		(void)rc;
	}
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
}

/* The program stops (SIGSTOP, which nothing blocks) the first time a
 * call put something at, or removed, a path whose last part contains
 * PD_SHIM_STOP: the test then sends its signal at that very moment (and
 * the signal's handler, removing things, is not stopped again). */
static int stop_after(int rc, const char *path)
{
	static bool stopped;
	const char *want = getenv("PD_SHIM_STOP");
	const char *slash = path ? strrchr(path, '/') : NULL;
	const char *base = slash ? slash + 1 : path;
	if (rc == 0 && !stopped && want && *want && base && strstr(base, want)) {
		stopped = true;
		int saved = errno;
		raise(SIGSTOP);
		errno = saved;
	}
	return rc;
}

/* Not sqlite3.h: the shim links nothing of SQLite's, it only stands in
 * front of the program's call. */
struct sqlite3_backup;
int sqlite3_backup_step(struct sqlite3_backup *b, int pages);

/* The test, seeing the stop, changes the desk and sends SIGCONT: the
 * backup then finds that what it copied is no longer the desk. */
int sqlite3_backup_step(struct sqlite3_backup *b, int pages)
{
	int rc = NEXT(sqlite3_backup_step)(b, pages);
	const char *want = getenv("PD_SHIM_STOP_COPY");
	if (want && *want) {
		int saved = errno;
		raise(SIGSTOP);
		errno = saved;
	}
	return rc;
}

int link(const char *oldpath, const char *newpath)
{
	swap(newpath);
	race(newpath);
	return stop_after(NEXT(link)(oldpath, newpath), newpath);
}

int rename(const char *oldpath, const char *newpath)
{
	swap(newpath);
	race(newpath);
	return stop_after(NEXT(rename)(oldpath, newpath), newpath);
}

int rmdir(const char *path)
{
	return stop_after(NEXT(rmdir)(path), path);
}

/* Another user's links where SQLite would make the side files of the
 * temporary file or directory just made at path. */
static void plant(const char *path)
{
	const char *want = getenv("PD_SHIM_PLANT"), *to = getenv("PD_SHIM_PLANT_TO");
	if (!want || !*want || !to || !strstr(path, want))
		return;
	static const char *const suffix[] = {"-journal", "-wal"};
	char side[4200];
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		if (symlink(to, side) == 0 && geteuid() == 0) {
			int rc = lchown(side, 65534, 65534);
			(void)rc;
		}
	}
}

int mkstemp(char *tmpl)
{
	int fd = NEXT(mkstemp)(tmpl);
	if (fd >= 0)
		plant(tmpl);
	return fd;
}

int mkstemp64(char *tmpl)
{
	int fd = NEXT(mkstemp64)(tmpl);
	if (fd >= 0)
		plant(tmpl);
	return fd;
}

char *mkdtemp(char *tmpl)
{
	char *dir = NEXT(mkdtemp)(tmpl);
	if (dir)
		plant(tmpl);
	return dir;
}

/* A planted link (another user's, in a sticky directory) stays: only its
 * owner may remove it there. */
int unlink(const char *path)
{
	const char *want = getenv("PD_SHIM_PLANT");
	struct stat st;
	if (want && *want && strstr(path, want) && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)
	    && st.st_uid == 65534 && geteuid() != 65534) {
		errno = EPERM;
		return -1;
	}
	return NEXT(unlink)(path);
}
