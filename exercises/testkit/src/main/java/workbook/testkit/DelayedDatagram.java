package workbook.testkit;

import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A datagram of a {@link LossyUdpProxy} waiting in its outbox (a {@code DelayQueue}) until its time; ties are broken
 * by the order the plan decided.
 */
final class DelayedDatagram implements Delayed {
    private final LossyDirection direction;
    private final byte[] datagram;
    private final int copies;
    private final long dueNanos;
    private final long order;

    DelayedDatagram(LossyDirection direction, byte[] datagram, int copies, long dueNanos, long order) {
        this.direction = direction;
        this.datagram = datagram;
        this.copies = copies;
        this.dueNanos = dueNanos;
        this.order = order;
    }

    LossyDirection direction() {
        return direction;
    }

    byte[] datagram() {
        return datagram;
    }

    int copies() {
        return copies;
    }

    long order() {
        return order;
    }

    /** The same datagram, held back for extra nanoseconds. */
    DelayedDatagram later(long extraNanos) {
        return new DelayedDatagram(direction, datagram, copies, dueNanos + extraNanos, order);
    }

    /** The same datagram, due right after {@code first}. */
    DelayedDatagram after(DelayedDatagram first, long newOrder) {
        return new DelayedDatagram(direction, datagram, copies, first.dueNanos, newOrder);
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        DelayedDatagram o = (DelayedDatagram) other;
        int byTime = Long.compare(dueNanos, o.dueNanos);
        return byTime != 0 ? byTime : Long.compare(order, o.order);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DelayedDatagram o && o.order == order;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(order);
    }
}
