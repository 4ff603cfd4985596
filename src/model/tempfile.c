/* Files put in place beside their destination: the temporary-file hook,
 * the directory sync after the rename and the rule for a killed run's
 * leftovers (see model/tempfile.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/tempfile.h"

int pd_temp_mkstemp(const pd_temp_watch *w, char *tmpl, bool sidecars)
{
	if (w && w->hold)
		w->hold(true);
	int fd = mkstemp(tmpl);
	int saved = errno;
	/* Not handed to a child (the editor of Ctrl-E): a kept-forms file's
	 * lock would outlive this process in it. */
	if (fd >= 0)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (fd >= 0 && w && w->made)
		w->made(tmpl, sidecars);
	if (w && w->hold)
		w->hold(false);
	errno = saved;
	return fd;
}

char *pd_temp_mkdtemp(const pd_temp_watch *w, char *tmpl)
{
	if (w && w->hold)
		w->hold(true);
	char *dir = mkdtemp(tmpl);
	int saved = errno;
	if (dir && w && w->made)
		w->made(tmpl, false);
	if (w && w->hold)
		w->hold(false);
	errno = saved;
	return dir;
}

void pd_temp_gone(const pd_temp_watch *w, const char *path)
{
	if (w && w->gone)
		w->gone(path);
}

void pd_sync_dir_of(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int len = !slash ? snprintf(dir, sizeof dir, ".")
	        : slash == path ? snprintf(dir, sizeof dir, "/")
	        : snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	if (len < 0 || (size_t)len >= sizeof dir)
		return;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	(void)fsync(fd);
	close(fd);
}

int pd_temp_sweep_dir(const char *dir)
{
	if (!dir || !*dir || pd_db_on_network_fs(dir))
		return -1;
	return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

bool pd_temp_left_by_dead(int dfd, const char *name, long pid, bool dir)
{
	struct stat st;
	if (pid <= 0 || pid == (long)getpid() || (pid_t)pid != pid
	    || fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0
	    || (dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
	    || st.st_uid != geteuid() || (st.st_mode & 07777) != (dir ? 0700u : 0600u))
		return false;
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}
