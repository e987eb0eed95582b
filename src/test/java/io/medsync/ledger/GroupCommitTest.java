package io.medsync.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent ledger changes share commits, and each caller still gets its own outcome: committed when it returns,
 * or its own exception without undoing the others.
 */
class GroupCommitTest {

    private final AtomicInteger commits = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private DataSource dataSource;
    private Connection keepAlive;

    @BeforeEach
    void database() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:group-commit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        keepAlive = h2.getConnection();
        try (Statement s = keepAlive.createStatement()) {
            s.execute("create table change_row (name varchar(20) primary key)");
        }
        dataSource = countingCommits(h2);
    }

    @AfterEach
    void close() throws SQLException {
        workers.shutdownNow();
        keepAlive.close();
    }

    @Test
    void changesArrivingDuringACommitShareTheNextOne() throws Exception {
        GroupCommit group = new GroupCommit(dataSource);
        CountDownLatch firstCommitHeld = new CountDownLatch(1);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        calls.add(call(group, "first", firstCommitHeld));
        await().atMost(Duration.ofSeconds(10)).until(() -> firstIsHolding);
        for (int i = 1; i <= 6; i++) {
            calls.add(call(group, "row-" + i, null));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> group.waiting() == 6);
        firstCommitHeld.countDown();

        for (CompletableFuture<String> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        assertThat(rowCount()).isEqualTo(7);
        assertThat(commits.get()).as("the first change alone, then the six that waited for it in one commit")
                .isEqualTo(2);
    }

    @Test
    void aFailingChangeFailsAloneAndTheOthersOfItsGroupCommit() throws Exception {
        GroupCommit group = new GroupCommit(dataSource);
        group.run(c -> insert(c, "taken"));
        CountDownLatch firstCommitHeld = new CountDownLatch(1);
        CompletableFuture<String> first = call(group, "first", firstCommitHeld);
        await().atMost(Duration.ofSeconds(10)).until(() -> firstIsHolding);
        CompletableFuture<String> before = call(group, "before", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.waiting() == 1);
        CompletableFuture<String> duplicate = call(group, "taken", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.waiting() == 2);
        CompletableFuture<String> after = call(group, "after", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> group.waiting() == 3);
        firstCommitHeld.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo("before");
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("after");
        assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
        assertThat(rowCount()).as("taken, first, before, after").isEqualTo(4);
    }

    @Test
    void whenNoConnectionCanBeHadEveryCallerOfTheGroupIsToldSo() {
        DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLException("connection refused");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        GroupCommit group = new GroupCommit(down);
        assertThatThrownBy(() -> group.run(c -> insert(c, "lost"))).isInstanceOf(SQLException.class)
                .hasMessage("connection refused");
    }

    /** Set once the first change is inside its (held) commit, so the next calls cannot join its group. */
    private volatile boolean firstIsHolding;

    /** A change that, when {@code hold} is given, keeps its commit open until the latch is released. */
    private CompletableFuture<String> call(GroupCommit group, String name, CountDownLatch hold) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return group.run(c -> {
                    String inserted = insert(c, name);
                    if (hold != null) {
                        firstIsHolding = true;
                        holdUntil(hold);
                    }
                    return inserted;
                });
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, workers);
    }

    private static void holdUntil(CountDownLatch released) {
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String insert(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into change_row (name) values (?)")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        return name;
    }

    private int rowCount() throws SQLException {
        try (Statement s = keepAlive.createStatement(); ResultSet rs = s.executeQuery("select count(*) from change_row")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private DataSource countingCommits(JdbcDataSource h2) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(h2, args);
                    if (result instanceof Connection connection && method.getName().equals("getConnection")) {
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().equals("commit")) {
                                        commits.incrementAndGet();
                                    }
                                    return m.invoke(connection, a);
                                });
                    }
                    return result;
                });
    }
}
