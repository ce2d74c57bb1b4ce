package workbook.ftp;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One session's commands: reads the verb, checks that the client may send it now, and hands it
 * to the class that does the work. Every command gets exactly one reply (or a 1xx and then one);
 * a refused or unknown command never ends the session.
 *
 * <pre>
 *   before login   USER PASS QUIT FEAT SYST NOOP OPTS HELP; any other command: 530
 *   after login    also directories (FileCommands), listings, PASV/EPSV and transfers (Transfers)
 *   never          PORT EPRT (502: passive only); after login, unknown verbs get 500
 * </pre>
 */
final class Commands implements AutoCloseable {

    /** What FEAT announces (RFC 2389): one feature per line. */
    static final List<String> FEATURES = List.of("UTF8", "EPSV", "PASV", "SIZE", "MDTM", "REST STREAM",
            "MLST type*;size*;modify*;", "HASH SHA-256");

    /** All a client may send before it has logged in; anything else gets 530. */
    private static final Set<String> BEFORE_LOGIN = Set.of("USER", "PASS", "QUIT", "FEAT", "SYST", "NOOP",
            "OPTS", "HELP");
    private static final Set<String> NOT_IMPLEMENTED = Set.of("ACCT", "SMNT", "REIN", "STOU", "SITE", "STAT");
    private static final List<String> HELP = List.of(
            "USER PASS QUIT NOOP SYST FEAT OPTS HELP TYPE MODE STRU",
            "PWD CWD CDUP MKD RMD DELE RNFR RNTO SIZE MDTM HASH",
            "PASV EPSV LIST NLST MLSD MLST RETR STOR APPE REST ABOR");

    private final ControlChannel control;
    private final Login login;
    private final DataConnections data;
    private FileCommands files;
    private Transfers transfers;
    private HomeJail jail;

    Commands(FtpConfig config, Socket socket, ControlChannel control) {
        this.control = control;
        this.login = new Login(config, socket.getRemoteSocketAddress());
        this.data = new DataConnections(config, socket);
    }

    /**
     * Carries out one command line.
     *
     * @return false when the session must end (QUIT, or too many failed logins)
     * @throws ControlChannel.Lost when a reply cannot be sent: the client is gone
     */
    boolean execute(String line) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1);
        try {
            if (!login.loggedIn() && !BEFORE_LOGIN.contains(verb)) {
                control.reply(530, "Please log in with USER and PASS.");
                return true;
            }
            return dispatch(verb, argument);
        } catch (CommandFailed e) {
            control.reply(e.code(), e.getMessage());
        } catch (ControlChannel.Lost e) {
            throw e;
        } catch (IOException e) { // the disk, not the client: this command fails, the session goes on
            control.reply(451, "Local error: " + e.getClass().getSimpleName() + ".");
        }
        return true;
    }

    private boolean dispatch(String verb, String arg) throws IOException, CommandFailed {
        switch (verb) {
            case "USER" -> login.user(required(verb, arg), control);
            case "PASS" -> {
                boolean goOn = login.pass(arg, control);
                if (login.loggedIn() && jail == null) {
                    startWorking();
                }
                return goOn;
            }
            case "QUIT" -> {
                control.reply(221, "Goodbye.");
                return false;
            }
            case "NOOP" -> control.reply(200, "OK.");
            case "SYST" -> control.reply(215, "UNIX Type: L8"); // what clients expect, to parse LIST as ls -l
            case "FEAT" -> control.reply(211, "Features:", FEATURES, "End");
            case "HELP" -> control.reply(214, "The following commands are recognized:", HELP, "Help OK.");
            case "OPTS" -> opts(arg);
            case "TYPE" -> type(arg);
            case "MODE" -> only("S", arg, "Mode set to Stream.");
            case "STRU" -> only("F", arg, "Structure set to File.");
            case "PWD", "XPWD" -> files.pwd();
            case "CWD", "XCWD" -> files.cwd(required(verb, arg));
            case "CDUP", "XCUP" -> files.cwd("..");
            case "MKD", "XMKD" -> files.mkd(required(verb, arg));
            case "RMD", "XRMD" -> files.rmd(required(verb, arg));
            case "DELE" -> files.dele(required(verb, arg));
            case "RNFR" -> files.rnfr(required(verb, arg));
            case "RNTO" -> files.rnto(required(verb, arg));
            case "SIZE" -> files.size(required(verb, arg));
            case "MDTM" -> files.mdtm(required(verb, arg));
            case "HASH" -> files.hash(required(verb, arg));
            case "PASV" -> data.pasv(control);
            case "EPSV" -> epsv(arg);
            case "PORT", "EPRT" -> control.reply(502, "Active mode is not supported: use PASV or EPSV. (The server"
                    + " connecting out is blocked by firewalls and NAT, and PORT can aim it at another machine:"
                    + " the FTP bounce attack.)");
            case "LIST", "NLST", "MLSD" -> list(Listings.Kind.valueOf(verb), arg);
            case "MLST" -> mlst(arg);
            case "RETR" -> transfers.retrieve(jail.resolve(required(verb, arg)));
            case "STOR" -> transfers.store(jail.resolve(required(verb, arg)), false);
            case "APPE" -> transfers.store(jail.resolve(required(verb, arg)), true);
            case "REST" -> transfers.rest(required(verb, arg));
            case "ABOR" -> control.reply(225, "No transfer to abort.");
            case "ALLO" -> control.reply(202, "No storage allocation necessary.");
            default -> control.reply(NOT_IMPLEMENTED.contains(verb) ? 502 : 500,
                    NOT_IMPLEMENTED.contains(verb) ? verb + " is not implemented." : "Unknown command.");
        }
        return true;
    }

    /** After the first successful PASS: the user's home (opened by Login), quota and the commands that use them. */
    private void startWorking() {
        Users.Account account = login.account();
        jail = login.jail();
        files = new FileCommands(jail, control);
        transfers = new Transfers(control, data, new Quota(account.quotaBytes()), jail.current().path());
    }

    private void opts(String arg) throws IOException, CommandFailed {
        String option = arg.trim().toUpperCase(Locale.ROOT);
        if (option.equals("UTF8 ON") || option.equals("UTF8")) {
            control.reply(200, "UTF-8 is always on."); // paths are UTF-8 from the start (RFC 2640)
        } else if (option.equals("HASH") || option.equals("HASH SHA-256")) {
            control.reply(200, "SHA-256");
        } else {
            throw new CommandFailed(501, "Unknown option: " + arg);
        }
    }

    /** TYPE A and TYPE I both transfer the bytes unchanged: a file's bytes are never rewritten. */
    private void type(String arg) throws IOException, CommandFailed {
        String type = arg.trim().toUpperCase(Locale.ROOT);
        if (type.equals("I") || type.equals("L 8")) {
            control.reply(200, "Type set to I (binary).");
        } else if (type.equals("A") || type.equals("A N")) {
            control.reply(200, "Type set to A (files are sent unchanged).");
        } else {
            throw new CommandFailed(504, "Type " + arg + " is not supported; use I.");
        }
    }

    private void only(String accepted, String arg, String reply) throws IOException, CommandFailed {
        if (!arg.trim().equalsIgnoreCase(accepted)) {
            throw new CommandFailed(504, "Only " + accepted + " is supported.");
        }
        control.reply(200, reply);
    }

    private void epsv(String arg) throws IOException, CommandFailed {
        if (arg.trim().equalsIgnoreCase("ALL")) {
            control.reply(200, "EPSV ALL accepted: passive is all there is.");
        } else {
            data.epsv(control);
        }
    }

    /** LIST, NLST or MLSD of a directory (or one file); ls-style options ("-la") some clients send are ignored. */
    private void list(Listings.Kind kind, String arg) throws IOException, CommandFailed {
        String path = arg.trim();
        if (kind != Listings.Kind.MLSD && path.startsWith("-")) {
            int space = path.indexOf(' ');
            path = space < 0 ? "" : path.substring(space + 1).trim();
        }
        HomeJail.Place place = jail.resolve(path.isEmpty() ? "." : path);
        if (!Files.exists(place.path())) {
            throw new CommandFailed(550, place.virtual() + ": No such file or directory.");
        }
        if (kind == Listings.Kind.MLSD && !Files.isDirectory(place.path())) {
            throw new CommandFailed(501, place.virtual() + ": Not a directory (MLSD lists directories).");
        }
        data.sendLines(control, kind + " " + place.virtual(), Listings.lines(kind, place.path(), Instant.now()));
    }

    /** MLST (RFC 3659): the facts of one file or directory, on the control connection. */
    private void mlst(String arg) throws IOException, CommandFailed {
        HomeJail.Place place = jail.resolve(arg.isEmpty() ? "." : arg);
        if (!Files.exists(place.path())) {
            throw new CommandFailed(550, place.virtual() + ": No such file or directory.");
        }
        String facts = Listings.line(Listings.Kind.MLSD, place.path(),
                Files.readAttributes(place.path(), BasicFileAttributes.class), Instant.now());
        String factsOnly = facts.substring(0, facts.indexOf("; ") + 2); // facts never hold a space
        control.reply(250, "Listing " + place.virtual(), List.of(factsOnly + place.virtual()), "End");
    }

    private static String required(String verb, String arg) throws CommandFailed {
        if (arg.isEmpty()) {
            throw new CommandFailed(501, verb + " needs an argument.");
        }
        return arg;
    }

    @Override
    public void close() {
        data.close();
    }
}
