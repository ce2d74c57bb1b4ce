package workbook.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of one client's traffic through a {@link LossyUdpProxy}: decides each datagram's fate from the
 * plan's seed (lost, sent twice, held back until the next one passed, sent late), schedules it in the shared
 * outbox, sends it when its time has come, and remembers what it did for {@link #summary()}.
 */
final class LossyDirection {
    private static final int FATES_SHOWN = 24;

    private final String name;
    private final LossPlan plan;
    private final DelayQueue<DelayedDatagram> outbox;
    private final AtomicLong sendOrder;
    private final String destination;
    private final SplittableRandom random;
    private final Sender sender;
    private final List<String> fates = new ArrayList<>();
    private int arrived;
    private int dropped;
    private int duplicated;
    private int reordered;
    private int delayed;
    private int sent;
    private String problem;
    private DelayedDatagram held;

    /**
     * @param outbox    where scheduled datagrams wait for the proxy's sender thread, shared by every direction
     * @param sendOrder numbers the datagrams in the order the plan decided, shared by every direction
     */
    LossyDirection(String name, String destination, LossPlan plan, SplittableRandom random, Sender sender,
            DelayQueue<DelayedDatagram> outbox, AtomicLong sendOrder) {
        this.name = name;
        this.plan = plan;
        this.outbox = outbox;
        this.sendOrder = sendOrder;
        this.destination = destination;
        this.random = random;
        this.sender = sender;
    }

    /** Decides the fate of a datagram that just arrived, and schedules it (or not). */
    synchronized void arrived(byte[] datagram) {
        arrived++;
        // Draw every decision every time, so that each datagram's fate depends only on the seed and its number.
        boolean lose = random.nextDouble() < plan.dropRate();
        boolean twice = random.nextDouble() < plan.duplicateRate();
        boolean holdBack = random.nextDouble() < plan.reorderRate();
        boolean late = random.nextDouble() < plan.delayRate();
        if (lose) {
            dropped++;
            fate("lost");
            return;
        }
        long delayNanos = late ? plan.delayBy().toNanos() : 0;
        DelayedDatagram item = new DelayedDatagram(this, datagram, twice ? 2 : 1, System.nanoTime() + delayNanos,
                sendOrder.incrementAndGet());
        duplicated += twice ? 1 : 0;
        delayed += late ? 1 : 0;
        if (holdBack && held == null) {
            reordered++;
            held = item.later(TimeUnit.MILLISECONDS.toNanos(LossPlan.MAX_HOLD_MS));
            outbox.add(held);
            fate("held" + (twice ? "+twice" : ""));
            return;
        }
        outbox.add(item);
        fate(twice && late ? "twice+late" : twice ? "twice" : late ? "late" : "ok");
        if (held != null && outbox.remove(held)) { // still waiting: let it go right after this one
            outbox.add(held.after(item, sendOrder.incrementAndGet()));
        }
        held = null;
    }

    /** Sends a datagram whose time has come (on the proxy's sender thread). */
    void send(DelayedDatagram item) {
        synchronized (this) {
            if (held != null && held.order() == item.order()) {
                held = null; // nothing overtook it within MAX_HOLD_MS
            }
        }
        for (int i = 0; i < item.copies(); i++) {
            try {
                sender.send(item.datagram());
                synchronized (this) {
                    sent++;
                }
            } catch (IOException e) {
                note("a send failed: " + e);
            }
        }
    }

    synchronized void note(String what) {
        if (problem == null) {
            problem = what;
        }
    }

    private void fate(String what) {
        if (fates.size() < FATES_SHOWN) {
            fates.add(what);
        }
    }

    synchronized String summary() {
        return name + ": " + arrived + (arrived == 1 ? " datagram" : " datagrams") + " arrived at the proxy, "
                + dropped + " lost, " + duplicated + " duplicated, " + reordered + " reordered, " + delayed
                + " delayed, " + sent + " delivered to " + destination + (problem == null ? "" : " (" + problem + ")")
                + (fates.isEmpty() ? "" : "; fates in order: " + String.join(" ", fates)
                        + (arrived > fates.size() ? " ..." : ""));
    }

    /** Where one direction's datagrams go: from this socket to that address. */
    record Sender(DatagramSocket socket, InetSocketAddress destination) {
        void send(byte[] datagram) throws IOException {
            socket.send(new DatagramPacket(datagram, datagram.length, destination));
        }
    }
}
