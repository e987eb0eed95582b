package io.medsync.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

/**
 * Group commit of the ledger's per-record transitions. A caller's change is committed when {@link #run} returns,
 * exactly as with a transaction of its own (the in-flight mark is still durable before the NovaMed call), but the
 * changes of delivery workers that arrive while a commit is running share the next commit: with N workers the
 * ledger pays for fewer than N commits. On the embedded H2 file a commit rewrites the changed B-tree pages to the
 * file, which made the two commits per record the largest share of medsync's CPU (BENCHMARKS.md, issue 16).
 * <p>
 * A change that fails (no row, a lost race) must not take the others with it: the group is then rolled back and
 * every change of it runs again in a transaction of its own, so each caller gets its own result or exception.
 */
final class GroupCommit {

    /** Bounds how long one commit holds the rows of a group, and the work redone when one change fails. */
    static final int MAX_GROUP = 32;

    private final DataSource dataSource;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private final ArrayDeque<Change<?>> waiting = new ArrayDeque<>();
    private boolean committing;

    GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in a transaction committed before this returns, possibly together with other callers'. The
     * work may run twice (when another change of its group fails): it must do nothing but statements on the
     * connection it is given.
     */
    <T> T run(JdbcTransaction.Work<T> work) throws SQLException {
        Change<T> mine = new Change<>(work);
        List<Change<?>> group = new ArrayList<>();
        lock.lock();
        try {
            waiting.add(mine);
            while (committing && !mine.done) {
                committed.awaitUninterruptibly();
            }
            if (mine.done) {
                return mine.outcome();
            }
            // Leader: commits what is waiting, its own change first (the queue may hold more than a group).
            committing = true;
            waiting.remove(mine);
            group.add(mine);
            while (group.size() < MAX_GROUP && !waiting.isEmpty()) {
                group.add(waiting.poll());
            }
        } finally {
            lock.unlock();
        }
        try {
            commit(group);
        } finally {
            lock.lock();
            try {
                group.forEach(Change::finish);
                committing = false;
                committed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return mine.outcome();
    }

    /** Changes waiting for a commit: for tests that need a group to form. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Change<?>> group) {
        if (group.size() == 1) {
            group.get(0).runAlone(dataSource);
            return;
        }
        boolean[] changeFailed = {false};
        try {
            JdbcTransaction.run(dataSource, c -> {
                for (Change<?> change : group) {
                    try {
                        change.runIn(c);
                    } catch (SQLException | RuntimeException e) {
                        changeFailed[0] = true;
                        throw e;
                    }
                }
                return null;
            });
            group.forEach(Change::committed);
        } catch (SQLException | RuntimeException e) {
            if (!changeFailed[0]) {
                // No connection or no commit (the store is down): every change of the group failed the same way.
                group.forEach(change -> change.failed(e));
                return;
            }
            // Which change failed, and whether the others would have committed, is found out one by one.
            for (Change<?> change : group) {
                change.runAlone(dataSource);
            }
        }
    }

    private static final class Change<T> {
        private final JdbcTransaction.Work<T> work;
        private T result;
        private Exception failure;
        private boolean settled;
        private boolean done;

        Change(JdbcTransaction.Work<T> work) {
            this.work = work;
        }

        void runIn(Connection c) throws SQLException {
            result = work.run(c);
        }

        void runAlone(DataSource dataSource) {
            try {
                result = JdbcTransaction.run(dataSource, work);
                failure = null;
                settled = true;
            } catch (SQLException | RuntimeException e) {
                result = null;
                failure = e;
                settled = true;
            }
        }

        void committed() {
            settled = true;
        }

        void failed(Exception e) {
            result = null;
            failure = e;
            settled = true;
        }

        /** Called under the lock once the group's outcome is known, so waiting callers see it. */
        void finish() {
            if (!settled) {
                failure = new IllegalStateException("the ledger commit of this change did not complete");
            }
            done = true;
        }

        T outcome() throws SQLException {
            if (failure instanceof SQLException sql) {
                throw sql;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            return result;
        }
    }
}
