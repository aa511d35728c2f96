// history/: when each content file last changed, read from the Git history
// with libgit2. The only room that knows Git exists.
#ifndef COMMONPLACE_HISTORY_HISTORY_H_
#define COMMONPLACE_HISTORY_HISTORY_H_

#include <map>
#include <string>
#include <vector>

namespace commonplace {

/// For each of `paths` (relative to `root`, '/'-separated) that a commit
/// changed, the date of the last commit that did, as YYYY-MM-DD (the
/// committer's time, in UTC). Walks back from HEAD; a merge counts as
/// changing what it brought in from its other parents. Empty when `root`
/// is not inside a Git working tree or the history cannot be read: the same
/// commit always gives the same dates, and nothing here reads the clock.
std::map<std::string, std::string> LastChangedDates(const std::string& root,
                                                    const std::vector<std::string>& paths);

/// The id of the commit HEAD points at (40 hex digits), or "" when `root`
/// is not in a Git working tree or has no commits: LastChangedDates gives
/// the same answer for the same id and paths, so a rebuild may reuse it.
std::string HeadCommitId(const std::string& root);

}  // namespace commonplace

#endif  // COMMONPLACE_HISTORY_HISTORY_H_
