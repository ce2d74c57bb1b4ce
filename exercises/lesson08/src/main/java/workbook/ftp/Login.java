package workbook.ftp;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * USER and PASS: one connection's login, checked against the users file.
 *
 * <pre>
 *   USER alice     331 Password required for alice.      (the same for a name that does not exist)
 *   PASS secret    230 User alice logged in.
 *   PASS wrong     530 Login incorrect.                  after a pause; the 3rd time: 421 and close
 * </pre>
 * Guessing is made slow three ways: PBKDF2 makes each check cost, the pause after a failure makes
 * each wrong guess cost more, and the limit per connection makes a guesser reconnect. A name that
 * does not exist costs the same as a wrong password, and gets the same answer, so that neither
 * the reply nor its timing tells which names exist. The password is never logged.
 */
final class Login {

    private final FtpConfig config;
    private final SocketAddress client;
    private String user;
    private Users.Account account;
    private HomeJail jail;
    private int failures;

    Login(FtpConfig config, SocketAddress client) {
        this.config = config;
        this.client = client;
    }

    boolean loggedIn() {
        return account != null;
    }

    Users.Account account() {
        return account;
    }

    /** The logged-in user's home, opened (and created if needed) before the 230 reply. */
    HomeJail jail() {
        return jail;
    }

    void user(String name, ControlChannel control) throws IOException {
        if (loggedIn()) {
            control.reply(530, "Already logged in; QUIT to log in as someone else.");
            return;
        }
        user = name;
        control.reply(331, "Password required for " + name + ".");
    }

    /** Checks the password; false when the session must end (too many failures). */
    boolean pass(String password, ControlChannel control) throws IOException {
        if (loggedIn()) {
            control.reply(230, "Already logged in.");
            return true;
        }
        if (user == null) {
            control.reply(503, "Send USER first.");
            return true;
        }
        char[] secret = password.toCharArray();
        Optional<Users.Account> found = Users.find(config.usersFile(), user);
        boolean ok;
        try {
            if (found.isPresent()) {
                // TODO(step 2): let a user in only when the password matches the hash in the users file
                found.get().password().matches(secret);
                ok = true;
            } else {
                PasswordHash.of(secret, Users.typicalIterations(config.usersFile())); // as slow as a real check
                ok = false;
            }
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (ok) {
            try {
                jail = new HomeJail(config.homes().resolve(found.get().name()));
            } catch (IOException e) { // the right password, but no home to work in: not logged in
                log("cannot open the home of " + found.get().name() + ": " + e);
                control.reply(550, "Cannot open your home directory.");
                return true;
            }
            account = found.get();
            log(account.name() + " logged in");
            control.reply(230, "User " + account.name() + " logged in.");
            return true;
        }
        failures++;
        log("failed login " + failures + " of " + config.maxLoginFailures() + " for "
                + (Users.isValidName(user) ? user : "an invalid name"));
        user = null;
        pause();
        if (failures >= config.maxLoginFailures()) {
            control.reply(421, "Too many failed logins; closing the connection.");
            return false;
        }
        control.reply(530, "Login incorrect.");
        return true;
    }

    private void pause() {
        try {
            Thread.sleep(config.failedLoginDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is closing
        }
    }

    /** One line per login event, never with the password. */
    private void log(String event) {
        System.err.println("[ftp] " + client + ": " + event);
    }
}
