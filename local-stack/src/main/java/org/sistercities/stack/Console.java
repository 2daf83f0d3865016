package org.sistercities.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The launcher's console: the one place that prints to the terminal, because printing is what the
 * command is for. Short lines, one per step, with the elapsed time; colour only on a terminal.
 */
public final class Console implements Progress {

    private final PrintStream out;
    private final boolean colour;
    private final long started = System.nanoTime();

    private Console(PrintStream out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    public static Console system() {
        boolean terminal = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        return new Console(System.out, terminal);
    }

    @Override
    public synchronized void starting(String part, String detail) {
        out.printf("%s  %s %-22s %s%n", clock(), dim("…"), part, dim(detail));
    }

    @Override
    public synchronized void ready(String part, Duration took, String detail) {
        out.printf("%s  %s %-22s %s %s%n", clock(), green("✓"), part, detail, dim(seconds(took)));
    }

    @Override
    public synchronized void note(String message) {
        out.printf("%s    %s%n", clock(), message);
    }

    public synchronized void failed(String message) {
        out.printf("%s  %s %s%n", clock(), red("✗"), message);
    }

    /** A block of text, e.g. the summary, printed as it is. */
    public synchronized void block(String text) {
        out.println();
        out.println(text);
        out.flush();
    }

    public String bold(String text) {
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    private String clock() {
        return dim(String.format(Locale.ROOT, "[%6.1fs]", (System.nanoTime() - started) / 1e9));
    }

    private static String seconds(Duration took) {
        return String.format(Locale.ROOT, "(%.1f s)", took.toMillis() / 1000.0);
    }

    private String green(String text) {
        return colour ? "\u001b[32m" + text + "\u001b[0m" : text;
    }

    private String red(String text) {
        return colour ? "\u001b[31m" + text + "\u001b[0m" : text;
    }

    private String dim(String text) {
        return colour ? "\u001b[2m" + text + "\u001b[0m" : text;
    }
}
