package org.sistercities.policy.pdf;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.util.Matrix;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * Renders a policy version as a PDF: its title, a date line, the summary, then the Markdown body with
 * headings, lists, block quotes, code and emphasis, over as many US Letter pages as it needs, with page
 * numbers. Pure and thread-safe: no state outside one call.
 * <p>
 * It uses the standard Helvetica and Courier fonts, which every reader has, so nothing is embedded and the
 * files stay small. Those fonts cover Windows-1252 (Western European text, typographic quotes and dashes);
 * any other character is shown as {@code ?}. A document in another script should have a PDF uploaded.
 */
@ApplicationScoped
public class PolicyPdfRenderer {

    /** What to render. {@code dateLine} is shown under the title as is, e.g. "Published 1 March 2022". */
    public record Content(String title, String summary, String dateLine, String markdown, Instant createdAt) {
    }

    private static final Parser MARKDOWN = Parser.builder().build();

    private static final PDRectangle PAGE = PDRectangle.LETTER;
    private static final float MARGIN = 72;
    private static final float BOTTOM = 72;
    private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
    private static final float BODY_SIZE = 11;
    private static final float LEADING = 1.4f;
    private static final float LIST_INDENT = 18;
    private static final Color TEXT = Color.BLACK;
    private static final Color MUTED = new Color(0x55, 0x55, 0x55);

    enum Style {
        REGULAR(Standard14Fonts.FontName.HELVETICA),
        BOLD(Standard14Fonts.FontName.HELVETICA_BOLD),
        ITALIC(Standard14Fonts.FontName.HELVETICA_OBLIQUE),
        BOLD_ITALIC(Standard14Fonts.FontName.HELVETICA_BOLD_OBLIQUE),
        CODE(Standard14Fonts.FontName.COURIER);

        final Standard14Fonts.FontName fontName;

        Style(Standard14Fonts.FontName fontName) {
            this.fontName = fontName;
        }

        Style bold() {
            return switch (this) {
                case REGULAR, BOLD -> BOLD;
                case ITALIC, BOLD_ITALIC -> BOLD_ITALIC;
                case CODE -> CODE;
            };
        }

        Style italic() {
            return switch (this) {
                case REGULAR, ITALIC -> ITALIC;
                case BOLD, BOLD_ITALIC -> BOLD_ITALIC;
                case CODE -> CODE;
            };
        }
    }

    /** A piece of inline text in one style. */
    record Span(String text, Style style) {
    }

    /**
     * The fonts of one rendering. Font objects cache encodings in plain maps, so each rendering gets its own
     * rather than sharing them between concurrent requests.
     */
    private static final class Fonts {

        private final EnumMap<Style, PDFont> fonts = new EnumMap<>(Style.class);

        Fonts() {
            for (Style style : Style.values()) {
                fonts.put(style, new PDType1Font(style.fontName));
            }
        }

        PDFont of(Style style) {
            return fonts.get(style);
        }
    }

    public byte[] render(Content content) {
        try (PDDocument pdf = new PDDocument()) {
            describe(pdf, content);
            Writer writer = new Writer(pdf);
            writer.block(List.of(new Span(content.title(), Style.BOLD)), 20, 0, null, TEXT);
            writer.space(4);
            if (content.dateLine() != null) {
                writer.block(List.of(new Span(content.dateLine(), Style.REGULAR)), 10, 0, null, MUTED);
            }
            if (content.summary() != null && !content.summary().isBlank()) {
                writer.space(6);
                writer.block(List.of(new Span(content.summary(), Style.ITALIC)), BODY_SIZE, 0, null, MUTED);
            }
            writer.space(8);
            writer.rule();
            writer.space(10);
            Node document = MARKDOWN.parse(content.markdown() == null ? "" : content.markdown());
            Node first = document.getFirstChild();
            // Documents written for print often open with their title as a heading; it is already above.
            if (first instanceof Heading heading && heading.getLevel() == 1
                    && plain(heading).trim().equalsIgnoreCase(content.title().trim())) {
                first = first.getNext();
            }
            for (Node node = first; node != null; node = node.getNext()) {
                writer.node(node, 0);
            }
            writer.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering to memory cannot fail on I/O", e);
        }
    }

    private static void describe(PDDocument pdf, Content content) {
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(content.title());
        if (content.summary() != null) {
            info.setSubject(content.summary());
        }
        info.setAuthor("Sister Cities International");
        info.setCreator("Sister Cities platform, policy-service");
        if (content.createdAt() != null) {
            // The version's own time, not the wall clock: re-rendering a version gives the same metadata.
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            created.setTimeInMillis(content.createdAt().toEpochMilli());
            info.setCreationDate(created);
        }
    }

    private static String plain(Node node) {
        StringBuilder text = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                text.append(t.getLiteral());
            } else if (child instanceof Code c) {
                text.append(c.getLiteral());
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                text.append(' ');
            } else {
                text.append(plain(child));
            }
        }
        return text.toString();
    }

    /** Lays text out top to bottom, starting a new page whenever the next line would not fit. */
    private static final class Writer {

        private final PDDocument pdf;
        private final Fonts fonts = new Fonts();
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument pdf) throws IOException {
            this.pdf = pdf;
            newPage();
        }

        void node(Node node, float indent) throws IOException {
            if (node instanceof Heading heading) {
                float size = switch (heading.getLevel()) {
                    case 1 -> 17;
                    case 2 -> 14.5f;
                    case 3 -> 12.5f;
                    default -> BODY_SIZE;
                };
                space(size * 0.6f);
                keepWithNext(size * LEADING + BODY_SIZE * LEADING * 2);
                block(inline(heading, Style.BOLD), size, indent, null, TEXT);
                space(3);
            } else if (node instanceof Paragraph paragraph) {
                block(inline(paragraph, Style.REGULAR), BODY_SIZE, indent, null, TEXT);
                space(BODY_SIZE * 0.6f);
            } else if (node instanceof BulletList list) {
                list(list, indent, false, 1);
            } else if (node instanceof OrderedList list) {
                list(list, indent, true, list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber());
            } else if (node instanceof FencedCodeBlock code) {
                code(code.getLiteral(), indent);
            } else if (node instanceof IndentedCodeBlock code) {
                code(code.getLiteral(), indent);
            } else if (node instanceof HtmlBlock html) {
                code(html.getLiteral(), indent);
            } else if (node instanceof ThematicBreak) {
                space(4);
                rule();
                space(8);
            } else {
                // Block quotes and anything else: their children, quotes indented.
                float inner = node instanceof BlockQuote ? indent + LIST_INDENT : indent;
                for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                    node(child, inner);
                }
            }
        }

        private void list(Node list, float indent, boolean ordered, int start) throws IOException {
            int number = start;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (!(item instanceof ListItem)) {
                    continue;
                }
                String marker = ordered ? number++ + "." : "\u2022";
                boolean firstBlock = true;
                for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                    if (child instanceof Paragraph paragraph) {
                        block(inline(paragraph, Style.REGULAR), BODY_SIZE, indent + LIST_INDENT,
                                firstBlock ? marker : null, TEXT);
                        space(BODY_SIZE * 0.25f);
                    } else {
                        node(child, indent + LIST_INDENT);
                    }
                    firstBlock = false;
                }
            }
            space(BODY_SIZE * 0.35f);
        }

        private void code(String literal, float indent) throws IOException {
            for (String line : literal.stripTrailing().split("\n", -1)) {
                block(List.of(new Span(line.isEmpty() ? " " : line, Style.CODE)), 9.5f, indent + 8, null, TEXT);
            }
            space(BODY_SIZE * 0.6f);
        }

        /** Wraps spans into lines of the available width; {@code marker} hangs left of the first line. */
        void block(List<Span> spans, float size, float indent, String marker, Color color) throws IOException {
            float lineHeight = size * LEADING;
            float available = WIDTH - indent;
            List<List<Word>> lines = wrap(words(spans, fonts), size, available);
            boolean first = true;
            for (List<Word> line : lines) {
                if (y - lineHeight < BOTTOM) {
                    newPage();
                }
                y -= lineHeight;
                stream.setNonStrokingColor(color);
                if (first && marker != null) {
                    show(marker, fonts.of(Style.REGULAR), size, MARGIN + indent - LIST_INDENT + 4, y);
                }
                float x = MARGIN + indent;
                for (Word word : line) {
                    show(word.text, word.font, size, x, y);
                    x += word.width(size);
                }
                first = false;
            }
        }

        private void show(String text, PDFont font, float size, float x, float baseline) throws IOException {
            stream.beginText();
            stream.setFont(font, size);
            stream.setTextMatrix(Matrix.getTranslateInstance(x, baseline));
            stream.showText(text);
            stream.endText();
        }

        void space(float points) {
            y -= points;
        }

        private void keepWithNext(float points) throws IOException {
            if (y - points < BOTTOM) {
                newPage();
            }
        }

        void rule() throws IOException {
            stream.setStrokingColor(MUTED);
            stream.setLineWidth(0.5f);
            stream.moveTo(MARGIN, y);
            stream.lineTo(MARGIN + WIDTH, y);
            stream.stroke();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PAGE);
            pdf.addPage(page);
            stream = new PDPageContentStream(pdf, page);
            y = PAGE.getHeight() - MARGIN;
        }

        /** Closes the last page and numbers every page, now that their count is known. */
        void finish() throws IOException {
            stream.close();
            int count = pdf.getNumberOfPages();
            for (int i = 0; i < count; i++) {
                PDPage page = pdf.getPage(i);
                try (PDPageContentStream footer = new PDPageContentStream(pdf, page, PDPageContentStream.AppendMode.APPEND, true)) {
                    String text = "Page " + (i + 1) + " of " + count;
                    PDFont font = fonts.of(Style.REGULAR);
                    float width = font.getStringWidth(text) / 1000 * 8;
                    footer.setNonStrokingColor(MUTED);
                    footer.beginText();
                    footer.setFont(font, 8);
                    footer.setTextMatrix(Matrix.getTranslateInstance((PAGE.getWidth() - width) / 2, BOTTOM / 2));
                    footer.showText(text);
                    footer.endText();
                }
            }
        }
    }

    /** A word or a space, in one style, already restricted to characters its font can show. */
    private record Word(String text, PDFont font, boolean isSpace) {

        float width(float size) {
            try {
                return font.getStringWidth(text) / 1000 * size;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<Word> words(List<Span> spans, Fonts fonts) {
        List<Word> words = new ArrayList<>();
        for (Span span : spans) {
            PDFont font = fonts.of(span.style());
            String text = printable(span.text(), font);
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                boolean end = i == text.length();
                if (end || text.charAt(i) == ' ' || text.charAt(i) == '\n') {
                    if (i > start) {
                        words.add(new Word(text.substring(start, i), font, false));
                    }
                    if (!end) {
                        words.add(new Word(text.charAt(i) == '\n' ? "\n" : " ", font, true));
                    }
                    start = i + 1;
                }
            }
        }
        return words;
    }

    /** Greedy line filling; a word wider than a whole line is cut wherever it must be. */
    private static List<List<Word>> wrap(List<Word> words, float size, float available) {
        List<List<Word>> lines = new ArrayList<>();
        List<Word> line = new ArrayList<>();
        float width = 0;
        for (Word word : words) {
            if (word.isSpace()) {
                if (word.text().equals("\n")) {
                    lines.add(trimmed(line));
                    line = new ArrayList<>();
                    width = 0;
                } else if (!line.isEmpty()) {
                    line.add(word);
                    width += word.width(size);
                }
                continue;
            }
            float wordWidth = word.width(size);
            if (width + wordWidth > available && !line.isEmpty()) {
                lines.add(trimmed(line));
                line = new ArrayList<>();
                width = 0;
            }
            Word rest = word;
            while (rest.width(size) > available) {
                int cut = rest.text().length() - 1;
                while (cut > 1 && new Word(rest.text().substring(0, cut), rest.font(), false).width(size) > available) {
                    cut--;
                }
                lines.add(List.of(new Word(rest.text().substring(0, cut), rest.font(), false)));
                rest = new Word(rest.text().substring(cut), rest.font(), false);
            }
            line.add(rest);
            width += rest.width(size);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(trimmed(line));
        }
        return lines;
    }

    private static List<Word> trimmed(List<Word> line) {
        int end = line.size();
        while (end > 0 && line.get(end - 1).isSpace()) {
            end--;
        }
        return line.subList(0, end);
    }

    /**
     * The text with every character the font cannot show replaced: tabs and other whitespace become spaces,
     * accents the font lacks are dropped from their letters where that leaves a letter it has, and anything
     * else becomes {@code ?}.
     */
    static String printable(String text, PDFont font) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append('\n');
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (Character.isISOControl(cp)) {
                // Invisible: nothing to show.
            } else if (canShow(font, Character.toString(cp))) {
                out.appendCodePoint(cp);
            } else {
                String base = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
                out.append(!base.isEmpty() && canShow(font, base) ? base : "?");
            }
        });
        return out.toString();
    }

    private static boolean canShow(PDFont font, String text) {
        try {
            font.encode(text);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static List<Span> inline(Node parent, Style style) {
        List<Span> spans = new ArrayList<>();
        collect(parent, style, spans);
        return spans;
    }

    private static void collect(Node parent, Style style, List<Span> spans) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Text text) {
                spans.add(new Span(text.getLiteral(), style));
            } else if (node instanceof Code code) {
                spans.add(new Span(code.getLiteral(), Style.CODE));
            } else if (node instanceof Emphasis) {
                collect(node, style.italic(), spans);
            } else if (node instanceof StrongEmphasis) {
                collect(node, style.bold(), spans);
            } else if (node instanceof SoftLineBreak) {
                spans.add(new Span(" ", style));
            } else if (node instanceof HardLineBreak) {
                spans.add(new Span("\n", style));
            } else if (node instanceof HtmlInline html) {
                spans.add(new Span(html.getLiteral(), style));
            } else if (node instanceof Link link) {
                collect(link, style, spans);
                String label = plain(link).trim();
                // Printed links keep their destination when the label does not already show it.
                if (link.getDestination() != null && !link.getDestination().isBlank()
                        && (label.isEmpty() || !link.getDestination().contains(label))) {
                    spans.add(new Span(" (" + link.getDestination() + ")", style));
                }
            } else {
                // Images (their alt text) and anything else: the text inside.
                collect(node, style, spans);
            }
        }
    }
}
