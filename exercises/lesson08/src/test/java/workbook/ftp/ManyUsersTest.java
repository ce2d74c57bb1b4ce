package workbook.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.Diagnostics;
import workbook.testkit.LessonChecks;
import workbook.testkit.Patience;
import workbook.testkit.Timeouts;
import workbook.testkit.VirtualThreadWarmUp;

/** Step 8: many sessions at once, each with its own state. */
@LessonChecks
@ExtendWith(VirtualThreadWarmUp.class)
@DisplayName("Lesson 08 · FtpServer: many users at once (step 8)")
class ManyUsersTest {

    private static final int USERS = 20;

    private static ServerUnderTest.Builder twentyUsers() {
        ServerUnderTest.Builder builder = ServerUnderTest.with();
        for (int i = 1; i <= USERS; i++) {
            builder.user(user(i), ServerUnderTest.GIB);
        }
        return builder;
    }

    private static String user(int i) {
        return String.format("user%02d", i);
    }

    @Test
    @Tag("step:8")
    @DisplayName("Step 8: 20 sessions open at the same time each get the greeting and log in")
    void twentySessionsAtOnce() throws Exception {
        List<Ftp> open = new ArrayList<>();
        try (var server = twentyUsers().start()) {
            try {
                for (int i = 1; i <= USERS; i++) {
                    Ftp ftp;
                    try {
                        ftp = Ftp.connect(server.port());
                    } catch (AssertionError | java.io.IOException e) {
                        Diagnostics.snapshot();
                        throw new AssertionError("Session " + i + " got no greeting while the " + (i - 1)
                                + " sessions before it stayed open: the server serves one session at a time.\n"
                                + e.getMessage(), e);
                    }
                    open.add(ftp);
                    ftp.login(user(i), ServerUnderTest.PASSWORD);
                }
                for (int i = 0; i < USERS; i++) {
                    assertThat(open.get(i).client().printWorkingDirectory()).as("PWD of session %d", i + 1).isEqualTo("/");
                }
            } finally {
                open.forEach(Ftp::close);
            }
        }
    }

    @Test
    @Tag("step:8")
    @Timeout(90)
    @DisplayName("Step 8: 20 users at once each upload and download their own files, identical, each in their own home")
    void twentyUsersMoveFiles() throws Exception {
        try (var server = twentyUsers().start()) {
            CyclicBarrier together = new CyclicBarrier(USERS);
            ExecutorService pool = Executors.newFixedThreadPool(USERS);
            List<Future<String>> results = new ArrayList<>();
            try {
                for (int i = 1; i <= USERS; i++) {
                    int n = i;
                    results.add(pool.submit(() -> {
                        try (Ftp ftp = Ftp.connect(server.port(), Patience.scaled(10_000))) {
                            ftp.login(user(n), ServerUnderTest.PASSWORD);
                            together.await(Timeouts.REPLY.toMillis() * 3, TimeUnit.MILLISECONDS); // all logged in at once
                            byte[] data = Ftp.data(300_000 + n, n);
                            ftp.upload("own-" + n + ".bin", data);
                            byte[] back = ftp.download("own-" + n + ".bin");
                            assertThat(back).as("%s's file, downloaded back", user(n)).isEqualTo(data);
                            assertThat(ftp.client().listNames()).as("NLST of %s's home", user(n))
                                    .containsExactly("own-" + n + ".bin");
                            together.await(Timeouts.REPLY.toMillis() * 10, TimeUnit.MILLISECONDS); // all still open
                            ftp.logout();
                            return Ftp.sha256(back);
                        }
                    }));
                }
                for (int i = 1; i <= USERS; i++) {
                    try {
                        results.get(i - 1).get(Patience.scaled(60_000).toMillis(), TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.ExecutionException e) {
                        Diagnostics.snapshot();
                        Throwable cause = e.getCause();
                        if (cause instanceof java.util.concurrent.BrokenBarrierException
                                || cause instanceof TimeoutException) {
                            fail("The 20 users could not all be logged in at the same time (" + user(i) + " waited"
                                    + " in vain for the others): does the server serve one session at a time?");
                        }
                        throw new AssertionError(user(i) + ": " + cause.getMessage(), cause);
                    }
                }
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
            for (int i = 1; i <= USERS; i++) {
                assertThat(server.home(user(i)).resolve("own-" + i + ".bin")).as("%s's file on disk", user(i))
                        .hasBinaryContent(Ftp.data(300_000 + i, i));
                try (var files = Files.list(server.home(user(i)))) {
                    assertThat(files.count()).as("files in %s's home", user(i)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    @Tag("step:8")
    @DisplayName("Step 8: two sessions of the same user keep their own folder, type and rename state")
    void sessionsKeepTheirOwnState() throws Exception {
        try (var server = ServerUnderTest.start(); Ftp one = server.login(ServerUnderTest.ALICE);
                Ftp two = server.login(ServerUnderTest.ALICE)) {
            one.must(257, "MKD", "a");
            two.must(257, "MKD", "b");
            one.must(250, "CWD", "a");
            two.must(250, "CWD", "b");
            assertThat(one.client().printWorkingDirectory()).as("PWD of session one after its CWD a").isEqualTo("/a");
            assertThat(two.client().printWorkingDirectory()).as("PWD of session two after its CWD b").isEqualTo("/b");
            Files.writeString(server.home(ServerUnderTest.ALICE).resolve("a/x.txt"), "x");
            one.must(350, "RNFR", "x.txt");
            two.expect(two.send("RNTO", "y.txt") / 100 == 5, "(expected 503) RNTO in a session that sent no RNFR");
            one.must(250, "RNTO", "z.txt");
            assertThat(server.home(ServerUnderTest.ALICE).resolve("a/z.txt")).exists();
        }
    }
}
