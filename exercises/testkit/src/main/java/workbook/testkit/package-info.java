/**
 * The check machinery every lesson shares: loopback fixtures on port 0, seeded fragmenting and lossy proxies,
 * byte-level failure reports, hints and leak checks.
 *
 * <h2>For authors: how the waits are named</h2>
 * Every wait in this package is bounded, and its name says what happens when the awaited thing does not come:
 * <ul>
 * <li>{@code awaitX(..., Duration patience)} waits at most {@code patience} and returns what it saw by then, never
 * failing: a value, a list (maybe shorter than asked for) or an {@code Optional} (empty if nothing came). Use it
 * where the check goes on to judge what arrived, such as
 * {@link workbook.testkit.ReferenceServer.Connection#awaitReceived} or
 * {@link workbook.testkit.ReferenceUdpServer#awaitRequests}.</li>
 * <li>{@code expectX(..., String what)} waits (at most {@link workbook.testkit.Timeouts#REPLY} unless told) and
 * fails the check with a message that names the fixture, what was awaited ({@code what}) and what came instead;
 * it may return what it saw, to go on with. Use it where "it never came" is the student's mistake, such as
 * {@link workbook.testkit.ReferenceServer#expectConnection}, {@link workbook.testkit.LiveClient#expectOutput},
 * {@link workbook.testkit.RunningServer#expectEnd} or {@link workbook.testkit.DatagramProbe#expect}.</li>
 * </ul>
 * No public wait returns a bare {@code boolean}: a check that ignored it would silently go on as if the thing
 * had happened. Reads named after the socket call they make ({@code DatagramProbe.receive},
 * {@code Received.read}) return what arrived, as the JDK's do.
 */
package workbook.testkit;
