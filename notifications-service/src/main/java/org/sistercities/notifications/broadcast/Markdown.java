package org.sistercities.notifications.broadcast;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** Broadcast bodies are Markdown; raw HTML in them is escaped, so a body cannot inject markup into the email. */
final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    static String toHtml(String markdown) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><body style=\"font-family: Georgia, serif; color: #222; max-width: 640px;\">\n"
                + RENDERER.render(PARSER.parse(markdown)) + "</body></html>\n";
    }
}
