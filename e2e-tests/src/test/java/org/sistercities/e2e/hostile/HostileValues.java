package org.sistercities.e2e.hostile;

import java.util.List;
import java.util.Random;

/**
 * The catalogue of hostile inputs. Each value has a short name so that a failure report says what was sent
 * without printing a megabyte. Strings here are Java strings (JSON-encoded when they go into a body);
 * {@link #RAW_JSON_STRINGS} are JSON text that no Java string serialises to (lone surrogates in escapes).
 */
public final class HostileValues {

    private HostileValues() {
    }

    /** A value with a name fit for a report line. */
    public record Named<T>(String name, T value) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static <T> Named<T> named(String name, T value) {
        return new Named<>(name, value);
    }

    public static final List<Named<String>> STRINGS = List.of(
            named("empty", ""),
            named("blank", "   \t "),
            named("NUL", "\u0000"),
            named("NUL inside", "Spring\u0000field"),
            named("control characters", "\u0001\u0007\b\u001b[31m\u007f"),
            named("CRLF", "line\r\nInjected-Header: yes\r\n\r\n<html>"),
            named("RTL override", "\u202Egnp.exe\u202C name"),
            named("bidi isolates", "\u2067abc\u2069\u200F\u200E"),
            named("zero-width", "a\u200Bb\u200Cc\u200Dd\uFEFF"),
            named("emoji", "🏙️🤝🌍 👩‍👩‍👧‍👦 🇺🇸🇷🇺"),
            named("combining marks", "Z̷̧̛̛̗̗a̸̢̛͔l̴̢̛̗g̸o̶"),
            named("Cyrillic and CJK", "Хабаровск 姉妹都市 مدينة"),
            named("astral plane", "\uD835\uDD0A\uD835\uDD2C\uD835\uDD2F\uD835\uDD29\uD835\uDD21"),
            named("SQL quote", "' OR '1'='1"),
            named("SQL drop", "x'); DROP TABLE partnership; --"),
            named("SQL union", "\" UNION SELECT password_hash FROM staff_account --"),
            named("SQL wildcards", "%_%\\"),
            named("path traversal", "../../../../etc/passwd"),
            named("encoded traversal", "..%2F..%2F..%2Fetc%2Fpasswd"),
            named("HTML", "<script>alert(1)</script><img src=x onerror=alert(2)>"),
            named("template", "${jndi:ldap://127.0.0.1:1/a} {{7*7}} #{7*7} %s%s%n"),
            named("JSON in string", "{\"role\":\"hq-admin\"}"),
            named("uuid-ish", "00000000-0000-0000-0000-000000000000"),
            named("long 10k", "A".repeat(10_000)),
            named("long 100k", "Ω".repeat(100_000)),
            named("whitespace only unicode", "\u00A0\u2003\u3000"),
            named("number as string", "12345678901234567890"),
            named("date-ish", "2026-02-30"));

    /** JSON text for a string value that a Java client could not produce from a String (all must be refused or survive). */
    public static final List<Named<String>> RAW_JSON_STRINGS = List.of(
            named("lone high surrogate escape", "\"\\ud800\""),
            named("lone low surrogate escape", "\"abc\\udc00\""),
            named("reversed surrogate escapes", "\"\\udc00\\ud800\""),
            named("NUL escape", "\"\\u0000\""),
            named("invalid escape", "\"\\x41\""),
            named("truncated escape", "\"\\u12\""),
            named("raw control character", "\"a\u0001b\""));

    /** JSON number text (written raw, so huge and precise values survive). */
    public static final List<Named<String>> NUMBERS = List.of(
            named("-1", "-1"),
            named("0", "0"),
            named("-0", "-0"),
            named("int max + 1", "2147483648"),
            named("long max + 1", "9223372036854775808"),
            named("long min - 1", "-9223372036854775809"),
            named("huge integer", "1" + "0".repeat(400)),
            named("1e400", "1e400"),
            named("-1e400", "-1e400"),
            named("fraction", "1.5"),
            named("tiny fraction", "4.9e-324"),
            named("negative fraction", "-0.000001"));

    /** Query and path values for integer parameters. */
    public static final List<Named<String>> INTEGER_TEXTS = List.of(
            named("-1", "-1"), named("0", "0"), named("int max + 1", "2147483648"), named("huge", "99999999999999999999999"),
            named("fraction", "1.5"), named("letters", "abc"), named("empty", ""), named("exponent", "1e3"),
            named("hex", "0x10"), named("plus sign", "%2B5"), named("space", "%201"));

    /** Query values for date-time parameters. */
    public static final List<Named<String>> DATE_TEXTS = List.of(
            named("month 13", "2026-13-45T00:00:00Z"), named("no zone", "2026-01-01T00:00:00"), named("words", "yesterday"),
            named("year 999999999", "%2B999999999-12-31T23:59:59Z"), named("year zero", "0000-00-00"),
            named("epoch number", "1700000000"), named("empty", ""), named("date only", "2026-01-01"),
            named("leap second", "2016-12-31T23:59:60Z"), named("negative year", "-2026-01-01T00:00:00Z"));

    /** Pagination cursors a client might forge. */
    public static final List<Named<String>> CURSORS = List.of(
            named("garbage", "garbage"), named("base64 junk", "eyJ4IjoxfQ"), named("base64 bad padding", "eyJ4IjoxfQ==="),
            named("base64 of SQL", "JyBPUiAnMSc9JzE"), named("long cursor", "A".repeat(8_000)), named("percent NUL", "%00"),
            named("empty", ""), named("unicode", "%F0%9F%98%80"), named("base64 of a huge number", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"),
            named("base64 of a bad uuid", "MjAyNi0wMS0wMVQwMDowMDowMFp8bm90LWEtdXVpZA"));

    /** Path segment values, already percent-encoded (the raw ones are sent byte for byte over a socket). */
    public static final List<Named<String>> PATH_IDS = List.of(
            named("not a uuid", "not-a-uuid"), named("zero uuid", "00000000-0000-0000-0000-000000000000"),
            named("-1", "-1"), named("0", "0"), named("huge number", "99999999999999999999999999"),
            named("long 5k", "a".repeat(5_000)), named("encoded NUL", "%00"), named("encoded traversal", "..%2F..%2Fadmin"),
            named("encoded dots", "%2e%2e"), named("encoded CRLF", "x%0d%0aSet-Cookie:%20a=b"), named("emoji", "%F0%9F%98%80"),
            named("SQL", "%27%20OR%201%3D1--"), named("overlong UTF-8 dot", "%C0%AE%C0%AE"), named("semicolon", "x;jsessionid=1"),
            named("uppercase uuid", "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE"), named("uuid with braces", "%7B00000000-0000-0000-0000-000000000000%7D"),
            named("lone surrogate utf-8", "%ED%A0%80"));

    /** Malformed JSON documents. */
    public static final List<Named<String>> MALFORMED_JSON = List.of(
            named("empty body", ""), named("open brace", "{"), named("unterminated string", "{\"a\":\"b"),
            named("trailing comma", "{\"a\":1,}"), named("two documents", "{} {}"), named("single quotes", "{'a':'b'}"),
            named("comment", "{/* c */}"), named("bare word", "nul"), named("NUL byte", "\u0000"),
            named("unquoted key", "{a:1}"), named("BOM prefix", "\uFEFF{}"), named("deep nesting", "[".repeat(100_000)),
            named("deep object nesting", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)),
            named("NaN", "{\"a\":NaN}"), named("duplicate keys", "{\"a\":1,\"a\":2}"));

    /** Top-level JSON values of the wrong kind for an object body. */
    public static final List<Named<String>> WRONG_ROOTS = List.of(
            named("array", "[]"), named("string", "\"x\""), named("number", "42"), named("null", "null"), named("boolean", "true"),
            named("array of objects", "[{},{}]"));

    /** Content types to send a well-formed JSON body with. */
    public static final List<Named<String>> CONTENT_TYPES = List.of(
            named("text/plain", "text/plain"), named("xml", "application/xml"), named("form", "application/x-www-form-urlencoded"),
            named("multipart", "multipart/form-data; boundary=x"), named("utf-16 charset", "application/json; charset=utf-16"),
            named("unknown charset", "application/json; charset=klingon"), named("garbage", ";;;/"),
            named("json patch", "application/json-patch+json"), named("octet-stream", "application/octet-stream"));

    /** Header values the JDK client will send (no CR, LF or NUL: those go over a raw socket). */
    public static final List<Named<String>> HEADER_VALUES = List.of(
            named("long 6k", "h".repeat(6_000)), named("latin-1", "caf\u00e9 \u00ff"), named("empty", ""),
            named("quotes", "\"\"\"\""), named("SQL", "' OR 1=1 --"), named("tabs", "a\tb\tc"), named("comma list", "a, b, , ,"));

    /** Picks one element with the seeded random. */
    public static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
