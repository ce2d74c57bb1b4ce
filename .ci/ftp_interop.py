#!/usr/bin/env python3
"""Interoperability of an FTP server with two real clients: curl (ftp://) and Python's ftplib.

Run by .ci/ftp-interop against the workbook's reference server (lesson 08); works against any
FTP server with one user whose home is empty:

    python3 .ci/ftp_interop.py --port PORT --user NAME --password SECRET [--host 127.0.0.1] [--work DIR]

Each tool, in a directory of its own under the user's home, does what a user of that tool does:
a wrong password (refused), login and LIST, MKD, an upload, LIST/MLSD and SIZE of it, an upload
interrupted part way and resumed (curl -C - / ftplib storbinary(rest=)), downloads (one of them
interrupted and resumed), DELE and RMD. What came down is compared with what went up by SHA-256,
and each tool downloads what the OTHER tool uploaded, so the two must agree with each other too.

Prints a table and exits 0 when everything agrees; otherwise prints the table so far and ONE line
"FAIL: <tool> disagreed on <operation>: <what>" and exits 1. Every network call has a timeout
(sockets 30 s, each curl run --max-time), so the script cannot hang. Standard library only.
"""
import argparse
import ftplib
import hashlib
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

SOCKET_TIMEOUT = 30      # seconds, every ftplib socket (control and data)
CURL_MAX_TIME = 60       # seconds, every curl run
SIZE = 6 * 1024 * 1024 + 12345   # the payload: not a multiple of any buffer size
PREFIX = 1024 * 1024             # what the "interrupted" first attempt leaves on the server


class Disagreement(Exception):
    """One tool saw something other than what was sent or expected."""


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def expect(condition, what):
    if not condition:
        raise Disagreement(what)


class Curl:
    """curl driven like a user would, one process per operation."""

    name = "curl"

    def __init__(self, args, work):
        self.base = "ftp://%s:%d" % (args.host, args.port)
        self.user = "%s:%s" % (args.user, args.password)
        self.bad_user = "%s:%s" % (args.user, args.password + "-wrong")
        self.work = work

    def run(self, *extra, user=None, expect_rc=0, max_time=CURL_MAX_TIME):
        command = ["curl", "--silent", "--show-error", "--connect-timeout", "10", "--max-time", str(max_time),
                   "--user", user or self.user] + list(extra)
        try:
            done = subprocess.run(command, capture_output=True, timeout=max_time + 30)
        except subprocess.TimeoutExpired:
            raise Disagreement("curl did not finish within %d s: %s" % (max_time + 30, " ".join(extra)))
        rc_ok = done.returncode in expect_rc if isinstance(expect_rc, tuple) else done.returncode == expect_rc
        if not rc_ok:
            raise Disagreement("curl exited %d (expected %s) for %s: %s" % (
                done.returncode, expect_rc, " ".join(extra), done.stderr.decode(errors="replace").strip()))
        return done

    def url(self, path):
        return self.base + "/" + path

    def file(self, name, data=None):
        path = os.path.join(self.work, "curl-" + name)
        if data is not None:
            with open(path, "wb") as f:
                f.write(data)
        return path

    def read(self, name):
        with open(self.file(name), "rb") as f:
            return f.read()

    # The operations every tool offers (a remote path is relative to the home, "/").

    def wrong_password_refused(self):
        self.run(self.url(""), user=self.bad_user, expect_rc=(67,))   # 67: CURLE_LOGIN_DENIED
        return "exit 67 (login denied)"

    def listing(self, directory):
        return self.run(self.url(directory + "/" if directory else "")).stdout.decode("utf-8")

    def listing_pasv(self, directory):
        return self.run("--disable-epsv", self.url(directory + "/" if directory else "")).stdout.decode("utf-8")

    def names(self, directory):
        out = self.run("--list-only", self.url(directory + "/" if directory else "")).stdout.decode("utf-8")
        return [line for line in out.replace("\r\n", "\n").split("\n") if line]

    def mkdir(self, directory):
        self.run("--quote", "MKD " + directory, self.url(""), "--output", os.devnull)

    def upload(self, data, remote):
        self.run("--upload-file", self.file("up", data), self.url(remote))

    def interrupted_upload(self, data, remote):
        # curl -C - -T asks SIZE, then sends the rest with APPE; --max-time cuts it part way.
        self.run("--continue-at", "-", "--limit-rate", "512K", "--upload-file", self.file("full", data),
                 self.url(remote), expect_rc=(28,), max_time=2)

    def resume_upload(self, data, remote):
        self.run("--continue-at", "-", "--upload-file", self.file("full", data), self.url(remote))

    def size(self, remote):
        head = self.run("--head", self.url(remote)).stdout.decode("ascii", "replace")
        match = re.search(r"(?im)^Content-Length:\s*(\d+)", head)
        expect(match is not None, "curl --head printed no Content-Length (SIZE failed?): %r" % head)
        return int(match.group(1))

    def download(self, remote):
        path = self.file("down")
        if os.path.exists(path):
            os.remove(path)
        self.run("--output", path, self.url(remote))
        return self.read("down")

    def interrupted_download(self, remote):
        path = self.file("part")
        if os.path.exists(path):
            os.remove(path)
        # curl stops reading after the first MiB and closes the data connection (as an interrupted run does).
        self.run("--range", "0-%d" % (PREFIX - 1), "--output", path, self.url(remote))
        return os.path.getsize(path)

    def resume_download(self, remote):
        # -C - with -o: REST <local size>, RETR, appended to the partial file.
        self.run("--continue-at", "-", "--output", self.file("part"), self.url(remote))
        return self.read("part")

    def delete(self, remote):
        self.run("--quote", "DELE " + remote, self.url(""), "--output", os.devnull)

    def rmdir(self, directory):
        self.run("--quote", "RMD " + directory, self.url(""), "--output", os.devnull)


class Ftplib:
    """Python's ftplib, a new session per operation (as separate runs of a script would)."""

    name = "ftplib"

    def __init__(self, args, work):
        self.args = args

    def session(self, password=None):
        ftp = ftplib.FTP(timeout=SOCKET_TIMEOUT)
        ftp.connect(self.args.host, self.args.port)
        ftp.login(self.args.user, password or self.args.password)
        ftp.voidcmd("TYPE I")   # binary, as SIZE and REST need (retrlines switches to TYPE A itself)
        return ftp

    def wrong_password_refused(self):
        try:
            self.session(password=self.args.password + "-wrong").close()
        except ftplib.error_perm as refused:
            expect(str(refused).startswith("530"), "a wrong password got %r, expected 530" % str(refused))
            return str(refused)[:3] + " (login incorrect)"
        raise Disagreement("a wrong password was accepted")

    def listing(self, directory):
        lines = []
        with self.session() as ftp:
            ftp.dir(directory or "", lines.append)
        return "\n".join(lines)

    def mlsd_size(self, directory, name):
        with self.session() as ftp:
            try:   # asking for facts makes ftplib send "OPTS MLST type;size;" first (RFC 3659, 7.9)
                facts = dict(ftp.mlsd(directory, ["type", "size"]))
            except ftplib.error_perm as refused:
                raise Disagreement("MLSD with facts (ftplib sends OPTS MLST type;size; first): %s" % refused)
        expect(name in facts, "MLSD of %s does not show %s: %s" % (directory, name, sorted(facts)))
        return int(facts[name].get("size", -1))

    def names(self, directory):
        with self.session() as ftp:
            return [n.rsplit("/", 1)[-1] for n in ftp.nlst(directory)]

    def mkdir(self, directory):
        with self.session() as ftp:
            ftp.mkd(directory)

    def upload(self, data, remote):
        with self.session() as ftp:
            ftp.storbinary("STOR " + remote, io.BytesIO(data))

    def interrupted_upload(self, data, remote):
        # REST <size> + STOR from there, and the client gives up after 1 MiB more: the data connection
        # closes and the session is abandoned (as a crashed client leaves it).
        ftp = self.session()
        try:
            offset = ftp.size(remote)
            source = io.BytesIO(data)
            source.seek(offset)
            sent = [0]

            def give_up(block):
                sent[0] += len(block)
                if sent[0] >= 1024 * 1024:
                    raise InterruptedError("interrupted on purpose")
            try:
                ftp.storbinary("STOR " + remote, source, blocksize=64 * 1024, callback=give_up, rest=offset)
            except InterruptedError:
                pass
        finally:
            ftp.close()

    def resume_upload(self, data, remote):
        with self.session() as ftp:
            offset = ftp.size(remote)
            source = io.BytesIO(data)
            source.seek(offset)
            ftp.storbinary("STOR " + remote, source, rest=offset)

    def size(self, remote):
        with self.session() as ftp:
            return ftp.size(remote)

    def download(self, remote):
        out = io.BytesIO()
        with self.session() as ftp:
            ftp.retrbinary("RETR " + remote, out.write)
        return out.getvalue()

    def interrupted_download(self, remote):
        self.partial = bytearray()
        ftp = self.session()
        try:
            def give_up(block):
                self.partial.extend(block)
                if len(self.partial) >= 1024 * 1024:
                    raise InterruptedError("interrupted on purpose")
            try:
                ftp.retrbinary("RETR " + remote, give_up)
            except InterruptedError:
                pass
        finally:
            ftp.close()
        return len(self.partial)

    def resume_download(self, remote):
        with self.session() as ftp:
            ftp.retrbinary("RETR " + remote, self.partial.extend, rest=len(self.partial))
        return bytes(self.partial)

    def delete(self, remote):
        with self.session() as ftp:
            ftp.delete(remote)

    def rmdir(self, directory):
        with self.session() as ftp:
            ftp.rmd(directory)


def listed_size(listing, name):
    """The size column of an `ls -l` style LIST line for name, or None."""
    for line in listing.replace("\r\n", "\n").split("\n"):
        fields = line.split(None, 8)
        if len(fields) == 9 and fields[8] == name:
            return int(fields[4])
    return None


def scenario(tool, data, other_upload):
    """The operations, in order: yields (operation, result) pairs; raises Disagreement on the first wrong one."""
    home = tool.name + "-dir"
    yield "wrong password refused", tool.wrong_password_refused()
    tool.listing("")
    yield "login, LIST /", "ok"
    tool.mkdir(home)
    expect(home in tool.names(""), "MKD %s: NLST / does not show it" % home)
    yield "MKD, NLST shows it", home
    tool.upload(data, home + "/data.bin")
    yield "upload (STOR)", "%d bytes" % len(data)
    size = listed_size(tool.listing(home), "data.bin")
    expect(size == len(data), "LIST %s shows data.bin with size %s, expected %d" % (home, size, len(data)))
    if isinstance(tool, Curl):
        size = listed_size(tool.listing_pasv(home), "data.bin")
        expect(size == len(data), "LIST over PASV shows size %s, expected %d" % (size, len(data)))
        yield "LIST shows the size", "%d (EPSV and PASV)" % size
    else:
        size = tool.mlsd_size(home, "data.bin")
        expect(size == len(data), "MLSD shows size=%s, expected %d" % (size, len(data)))
        yield "LIST shows the size", "%d (LIST and MLSD)" % size
    size = tool.size(home + "/data.bin")
    expect(size == len(data), "SIZE says %d, expected %d" % (size, len(data)))
    yield "SIZE", str(size)
    resumed = home + "/resumed.bin"
    tool.upload(data[:PREFIX], resumed)
    tool.interrupted_upload(data, resumed)
    cut = tool.size(resumed)
    expect(PREFIX <= cut < len(data), "after the interrupted upload SIZE says %d, expected %d..%d"
           % (cut, PREFIX, len(data) - 1))
    tool.resume_upload(data, resumed)
    size = tool.size(resumed)
    expect(size == len(data), "after the resumed upload SIZE says %d, expected %d" % (size, len(data)))
    yield "upload cut and resumed (REST/APPE)", "cut at %d, then %d" % (cut, size)
    down = tool.download(home + "/data.bin")
    expect(sha256(down) == sha256(data), "download of data.bin: %d bytes, SHA-256 %s, sent %d bytes, %s"
           % (len(down), sha256(down)[:16], len(data), sha256(data)[:16]))
    yield "download (RETR), SHA-256 same", sha256(down)[:16]
    down = tool.download(resumed)
    expect(sha256(down) == sha256(data), "download of the resumed upload: %d bytes, SHA-256 %s, expected %s"
           % (len(down), sha256(down)[:16], sha256(data)[:16]))
    yield "resumed upload, SHA-256 same", sha256(down)[:16]
    cut = tool.interrupted_download(home + "/data.bin")
    down = tool.resume_download(home + "/data.bin")
    expect(sha256(down) == sha256(data), "download cut at %d and resumed: %d bytes, SHA-256 %s, expected %s"
           % (cut, len(down), sha256(down)[:16], sha256(data)[:16]))
    yield "download cut and resumed (REST)", "cut at %d, SHA-256 same" % cut
    if other_upload is not None:
        other_name, other_data = other_upload
        down = tool.download(other_name)
        expect(sha256(down) == sha256(other_data), "download of %s (the other tool's upload): SHA-256 %s, "
               "expected %s" % (other_name, sha256(down)[:16], sha256(other_data)[:16]))
        yield "the other tool's upload, SHA-256 same", other_name
    else:
        yield "the other tool's upload, SHA-256 same", "(see the other column)"
    tool.delete(home + "/data.bin")
    tool.delete(resumed)
    left = tool.names(home)
    expect(left == [], "after DELE, NLST %s still shows %s" % (home, left))
    tool.rmdir(home)
    expect(home not in tool.names(""), "after RMD, NLST / still shows %s" % home)
    yield "DELE, RMD, gone from NLST", "ok"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--work", help="a folder for the local files (default: a temporary one)")
    args = parser.parse_args()
    if shutil.which("curl") is None:
        print("FAIL: curl is not installed (the interoperability step needs it)")
        return 1
    work = args.work or tempfile.mkdtemp(prefix="ftp-interop-")
    rng = random.Random(8)
    # Two different payloads of random bytes (CR, LF and NUL included: a transfer in ASCII mode would show).
    payloads = {"curl": rng.randbytes(SIZE), "ftplib": rng.randbytes(SIZE)}
    # curl runs first and leaves one file behind; ftplib runs and downloads it, and leaves one for curl.
    tools = [Curl(args, work), Ftplib(args, work)]
    rows = {}
    failure = None
    kept = {}
    for tool in tools:
        other = None
        if tool.name == "ftplib" and "curl" in kept:
            other = kept["curl"]
        try:
            for operation, result in scenario(tool, payloads[tool.name], other):
                rows.setdefault(operation, {})[tool.name] = result
            # Leave one file for the other tool to fetch (and fetch the other's, for curl, afterwards).
            name = tool.name + "-for-the-other.bin"
            tool.upload(payloads[tool.name], name)
            kept[tool.name] = (name, payloads[tool.name])
        except (Disagreement, ftplib.Error, OSError, EOFError) as e:
            failure = "%s disagreed on %s: %s" % (tool.name, next_operation(rows, tool.name), e)
            break
    if failure is None:
        # curl fetches what ftplib uploaded; then both clean up after themselves.
        curl = tools[0]
        try:
            name, data = kept["ftplib"]
            down = curl.download(name)
            expect(sha256(down) == sha256(data), "download of %s (ftplib's upload): SHA-256 %s, expected %s"
                   % (name, sha256(down)[:16], sha256(data)[:16]))
            rows["the other tool's upload, SHA-256 same"]["curl"] = name
            for tool in tools:
                tool.delete(kept[tool.name][0])
            leftovers = tools[1].names("")
            expect(leftovers == [], "the home is not empty at the end: %s" % leftovers)
        except (Disagreement, ftplib.Error, OSError, EOFError) as e:
            failure = "curl disagreed on the other tool's upload or the last clean-up: %s" % e
    print_table(rows, [t.name for t in tools])
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    if failure is not None:
        print("FAIL: " + failure.replace("\n", " "))
        return 1
    print("curl and ftplib agree with the server on every operation (payloads of %d bytes)." % SIZE)
    return 0


OPERATIONS = ["wrong password refused", "login, LIST /", "MKD, NLST shows it", "upload (STOR)",
              "LIST shows the size", "SIZE", "upload cut and resumed (REST/APPE)",
              "download (RETR), SHA-256 same", "resumed upload, SHA-256 same", "download cut and resumed (REST)",
              "the other tool's upload, SHA-256 same", "DELE, RMD, gone from NLST"]


def next_operation(rows, tool):
    """The first operation the tool has no result for: the one that failed."""
    for operation in OPERATIONS:
        if tool not in rows.get(operation, {}):
            return "'" + operation + "'"
    return "'the last clean-up'"


def print_table(rows, tools):
    print("  %-40s %-34s %s" % ("operation", tools[0], tools[1]))
    for operation in OPERATIONS:
        if operation in rows:
            print("  %-40s %-34s %s" % (operation, rows[operation].get(tools[0], "-"),
                                         rows[operation].get(tools[1], "-")))


if __name__ == "__main__":
    sys.exit(main())
