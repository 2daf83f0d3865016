package org.sistercities.policy.pdf;

import org.junit.jupiter.api.Test;
import org.sistercities.policy.Fixtures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyPdfRendererTest {

    private final PolicyPdfRenderer renderer = new PolicyPdfRenderer();

    @Test
    void theCeoStatementRendersWithItsTitleDateAndText() throws IOException {
        String markdown;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("seed/policies/ceo-statement-russia-2022-03-01.md")) {
            markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        byte[] pdf = renderer.render(new PolicyPdfRenderer.Content("SCI CEO Statement on Russia Relationships",
                "A letter of 1 March 2022", "Published 1 March 2022", markdown, Instant.parse("2022-03-01T12:00:00Z")));

        String text = Fixtures.textOf(pdf).replaceAll("\\s+", " ");
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(text).contains("SCI CEO Statement on Russia Relationships", "Published 1 March 2022",
                "Dear Fellow Citizen Diplomats",
                "suspending or ending a sister city relationship with a Russian city partner should not be one such action",
                "Leroy R. Allala", "www.sistercities.org");
        // The body's own "# title" heading is not printed a second time.
        assertThat(text.split("SCI CEO Statement on Russia Relationships", -1)).hasSize(2);
        assertThat(text).doesNotContain("**", "](");
    }

    @Test
    void headingsListsEmphasisQuotesAndCodeAllBecomeText() {
        String markdown = """
                # Heading one
                ## Heading two
                Some *emphasis*, **strong**, ***both*** and `code` and [a link](https://example.org/x).

                - first bullet
                - second bullet
                  1. nested ordered
                  2. second nested

                3. starts at three
                4. then four

                > quoted counsel

                ```
                preformatted line
                ```

                ---
                Last paragraph.
                """;
        String text = Fixtures.textOf(renderer.render(new PolicyPdfRenderer.Content("Formats", null, null, markdown, null)));

        assertThat(text).contains("Heading one", "Heading two", "emphasis", "strong", "both", "code",
                "a link (https://example.org/x)", "\u2022 first bullet", "second bullet", "1. nested ordered",
                "3. starts at three", "4. then four", "quoted counsel", "preformatted line", "Last paragraph.");
    }

    @Test
    void aLongBodyFlowsOverSeveralNumberedPages() {
        StringBuilder markdown = new StringBuilder();
        for (int i = 1; i <= 120; i++) {
            markdown.append("## Section ").append(i).append("\n\nParagraph ").append(i)
                    .append(" keeps the channel of communication open between communities, one individual at a time.\n\n");
        }
        byte[] pdf = renderer.render(new PolicyPdfRenderer.Content("Long policy", null, null, markdown.toString(), null));

        assertThat(Fixtures.pagesOf(pdf)).isGreaterThan(5);
        String text = Fixtures.textOf(pdf);
        assertThat(text).contains("Section 1", "Section 120", "Page 1 of " + Fixtures.pagesOf(pdf));
    }

    @Test
    void malformedMarkdownAndUnprintableCharactersAreStillText() {
        String markdown = "**unclosed emphasis and [broken link(\n\n<div>raw html\n\n\u041c\u043e\u0441\u043a\u0432\u0430 caf\u00e9 \u0141\u00f3d\u017a \t tab\u0007 "
                + "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanyspaces";
        byte[] pdf = renderer.render(new PolicyPdfRenderer.Content("Edge \u201ccases\u201d \u2013 \u20ac", null, null, markdown, null));

        String text = Fixtures.textOf(pdf);
        assertThat(text).contains("Edge \u201ccases\u201d \u2013 \u20ac", "**unclosed emphasis", "[broken link(", "raw html",
                "caf\u00e9", "??????", "\u00f3dz", "tab", "averyvery");
        assertThat(text).doesNotContain("tab?");
    }

    @Test
    void anEmptyBodyStillGivesAOnePageDocument() {
        byte[] pdf = renderer.render(new PolicyPdfRenderer.Content("Only a title", null, null, "", null));
        assertThat(Fixtures.pagesOf(pdf)).isEqualTo(1);
        assertThat(Fixtures.textOf(pdf)).contains("Only a title");
    }
}
