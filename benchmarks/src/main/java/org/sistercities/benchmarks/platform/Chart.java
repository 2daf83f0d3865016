package org.sistercities.benchmarks.platform;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.sistercities.benchmarks.platform.PlatformBenchmark.Step;

/** The benchmark's PNG: grouped bar panels drawn with Java2D (no charting library). */
final class Chart {

    private static final int WIDTH = 1500;
    private static final int HEIGHT = 560;
    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0x9467bd)};

    /** One panel: groups along the x axis, one bar per series in each group. */
    private record Panel(String title, String unit, boolean logarithmic, List<String> groups, List<String> series, double[][] values) {
    }

    private Chart() {
    }

    static void write(Path file, Results results) throws IOException {
        List<Panel> panels = new ArrayList<>();
        Dist webhook = results.pipelineWebhook();
        Dist email = results.pipelineEmail();
        panels.add(new Panel("Pipeline: 201 → arrival", "ms (log)", true, List.of("p50", "p95", "p99", "max"),
                List.of("signed webhook", "SMTP accepted"), new double[][] {
                        {webhook.p50(), email.p50()}, {webhook.p95(), email.p95()}, {webhook.p99(), email.p99()},
                        {webhook.max(), email.max()}}));
        Map<Integer, List<Step>> cost = results.cost();
        List<String> rates = new ArrayList<>();
        double[][] costValues = new double[cost.size()][];
        int g = 0;
        for (Map.Entry<Integer, List<Step>> entry : cost.entrySet()) {
            rates.add(entry.getKey() + "/s");
            Dist d = Dist.medianOf(entry.getValue().stream().map(Step::webhook).toList());
            costValues[g++] = new double[] {d.p50(), d.p99(), Dist.median(entry.getValue(), Step::platformCpuMsPerChange)};
        }
        panels.add(new Panel("Cost curve: webhook latency and CPU per change", "ms (log)", true, rates,
                List.of("webhook p50", "webhook p99", "platform CPU / change"), costValues));
        double[] gateway = results.gatewayThroughput();
        panels.add(new Panel("GET partnership: throughput", "requests/s", false, List.of("direct (JWT)", "via gateway"),
                List.of("requests/s"), new double[][] {{gateway[0]}, {gateway[1]}}));

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, WIDTH, HEIGHT);
        g2.setColor(Color.BLACK);
        g2.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g2.drawString(results.title(), 20, 26);
        int panelWidth = WIDTH / panels.size();
        for (int i = 0; i < panels.size(); i++) {
            draw(g2, panels.get(i), i * panelWidth + 70, 70, panelWidth - 100, HEIGHT - 170);
        }
        g2.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Panel panel, int x, int y, int width, int height) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (double[] group : panel.values()) {
            for (double v : group) {
                if (!Double.isNaN(v) && v > 0) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        if (max == 0) {
            max = 1;
            min = 1;
        }
        double low = panel.logarithmic() ? Math.pow(10, Math.floor(Math.log10(Math.min(min, 1)))) : 0;
        double high = panel.logarithmic() ? Math.pow(10, Math.ceil(Math.log10(max))) : niceCeiling(max);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), x, y - 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(panel.unit(), x - 60, y - 4);
        // Axis and grid.
        g.setColor(new Color(0xdddddd));
        List<Double> ticks = new ArrayList<>();
        if (panel.logarithmic()) {
            for (double t = low; t <= high * 1.001; t *= 10) {
                ticks.add(t);
            }
        } else {
            for (int i = 0; i <= 5; i++) {
                ticks.add(high * i / 5);
            }
        }
        for (double t : ticks) {
            int ty = y + height - scale(t, low, high, height, panel.logarithmic());
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, ty, x + width, ty);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(t), x - 55, ty + 4);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(x, y + height, x + width, y + height);
        g.drawLine(x, y, x, y + height);

        int groups = panel.groups().size();
        int seriesCount = panel.series().size();
        int groupWidth = width / Math.max(1, groups);
        int barWidth = Math.max(6, (groupWidth - 20) / seriesCount);
        for (int gi = 0; gi < groups; gi++) {
            int gx = x + gi * groupWidth + 10;
            for (int s = 0; s < seriesCount; s++) {
                double v = panel.values()[gi][s];
                int bx = gx + s * barWidth;
                if (!Double.isNaN(v) && v > 0) {
                    int bh = scale(Math.max(v, low), low, high, height, panel.logarithmic());
                    g.setColor(SERIES[s % SERIES.length]);
                    g.fillRect(bx, y + height - bh, barWidth - 3, bh);
                    g.setColor(Color.BLACK);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                    g.drawString(label(v), bx, y + height - bh - 3);
                }
            }
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(panel.groups().get(gi), gx, y + height + 16);
        }
        // Legend.
        for (int s = 0; s < seriesCount; s++) {
            g.setColor(SERIES[s % SERIES.length]);
            g.fillRect(x, y + height + 32 + s * 16, 10, 10);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(panel.series().get(s), x + 16, y + height + 41 + s * 16);
        }
    }

    private static int scale(double v, double low, double high, int height, boolean logarithmic) {
        double fraction = logarithmic ? (Math.log10(v) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)) : (v - low) / (high - low);
        return (int) Math.round(Math.max(0, Math.min(1, fraction)) * height);
    }

    private static double niceCeiling(double max) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double v) {
        if (v >= 1000) {
            return String.format("%,.0f", v);
        }
        return v >= 10 ? String.format("%.0f", v) : v >= 1 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
