package workbook.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lesson 04's figures: UDP upper-case echo round trips per second with 1 and 8 clients, for the
 * lesson's reference server (Java) and the seeds' server (Python), each in a process of its own.
 *
 * <p>Load: {@link UdpLoad}, closed loop, 4-byte datagrams. Rounds interleave the servers in a
 * rotating order so background load hits them alike; each figure is the median of
 * {@value #ROUNDS} rounds with its spread; ratios compare medians of this one run.
 */
public final class UdpEchoBench implements Benchmark {

    private static final String GROUP = "UDP echo (lesson 04)";
    private static final int[] CLIENTS = {1, 8};
    private static final int ROUNDS = 7;
    private static final Duration RAMP = Duration.ofMillis(200);
    private static final Duration WINDOW = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "udp";
    }

    @Override
    public void run(Results results) throws Exception {
        double loadBefore = BenchEnv.loadAverage();
        Map<String, Map<Integer, List<UdpLoad.Run>>> runs = new LinkedHashMap<>();
        List<ServerProcess> servers = new ArrayList<>();
        try {
            servers.add(ServerProcess.java("java", "workbook.bench.UdpEchoServerMain"));
            Optional<ServerProcess> python = ServerProcess.python("python", "udp_upper_echo_server.py");
            python.ifPresent(servers::add);
            for (ServerProcess s : servers) {
                runs.put(s.name, new LinkedHashMap<>());
            }
            for (int round = 0; round < ROUNDS; round++) {
                List<ServerProcess> order = new ArrayList<>(servers);
                Collections.rotate(order, round);
                for (int clients : CLIENTS) {
                    for (ServerProcess s : order) {
                        UdpLoad.Run run = UdpLoad.run(s.address(), clients, RAMP, WINDOW);
                        runs.get(s.name).computeIfAbsent(clients, c -> new ArrayList<>()).add(run);
                    }
                }
            }
        } finally {
            for (ServerProcess s : servers) {
                s.close();
            }
        }
        record(results, runs, loadBefore);
    }

    private static void record(Results results, Map<String, Map<Integer, List<UdpLoad.Run>>> runs, double load) {
        for (int clients : CLIENTS) {
            for (var server : runs.entrySet()) {
                List<UdpLoad.Run> rounds = server.getValue().get(clients);
                long lost = rounds.stream().mapToLong(UdpLoad.Run::lost).sum();
                results.add(GROUP, "udp_echo_" + clients + "_" + server.getKey() + "_rt_per_s",
                        Sample.of(rounds.stream().mapToDouble(UdpLoad.Run::perSecond).toArray()), "rt/s",
                        server.getKey() + ", " + clients + (clients == 1 ? " client" : " clients")
                                + ", 4-byte datagrams, " + lost + " lost; load " + load);
            }
            if (runs.containsKey("python")) {
                List<UdpLoad.Run> java = runs.get("java").get(clients);
                List<UdpLoad.Run> python = runs.get("python").get(clients);
                double[] ratio = new double[java.size()];
                for (int r = 0; r < ratio.length; r++) {
                    ratio[r] = java.get(r).perSecond() / python.get(r).perSecond();
                }
                results.add(GROUP, "udp_echo_" + clients + "_java_vs_python_ratio", Sample.of(ratio), "x",
                        "round trips/s, Java / Python, per round");
            }
        }
    }
}
