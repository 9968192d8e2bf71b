package com.wispbill.bench;

import java.util.ArrayList;
import java.util.List;

/** {@code ./dev bench [NAME...]}: runs the named suites, or all of them. */
public final class Bench {
    /** Every suite; each area adds its own. */
    static List<BenchmarkSuite> suites() {
        List<BenchmarkSuite> suites = new ArrayList<>();
        suites.add(new RouterBench());
        suites.add(new UsageBench());
        suites.add(new FlushSweepBench());
        suites.add(new SweepBench());
        suites.add(new VoucherBench());
        suites.add(new PaymentBench());
        suites.add(new ResellerApiBench());
        suites.add(new ColdStartBench());
        suites.add(new ConsoleBench());
        return suites;
    }

    public static void main(String[] args) throws Exception {
        List<BenchmarkSuite> all = suites();
        List<String> wanted = List.of(args);
        for (String name : wanted) {
            if (all.stream().noneMatch(s -> s.name().equals(name))) {
                System.err.println("unknown benchmark '" + name + "'; known: " + all.stream().map(BenchmarkSuite::name).toList());
                System.exit(2);
            }
        }
        for (BenchmarkSuite suite : all) {
            if (wanted.isEmpty() || wanted.contains(suite.name())) {
                System.out.println("== " + suite.name() + ": " + suite.description());
                suite.run(System.out);
                System.out.println();
            }
        }
    }
}
