package io.racetracker.core.results;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a delimited text file, each with the line it starts on, read with Jackson's CSV parser: RFC 4180
 * quoting, so a quoted name with the delimiter or a doubled quote in it stays one field. Rows come as plain lists of
 * text, header included; the readers find their columns by header name themselves, which a fixed schema could not.
 */
public final class CsvRows implements Closeable {
    private static final CsvMapper MAPPER = new CsvMapper();

    private final CsvParser parser;
    private int depth;

    private CsvRows(final CsvParser parser) {
        this.parser = parser;
    }

    /**
     * One row.
     *
     * @param line   1-based line the row starts on
     * @param fields its fields as written, unquoted but not trimmed
     */
    public record Row(long line, List<String> fields) {
        public Row {
            fields = List.copyOf(fields);
        }

        /** An empty or whitespace-only line. */
        public boolean blank() {
            return fields.stream().allMatch(String::isBlank);
        }

        /** The field at a column, or the empty text where the row is shorter. */
        public String get(final int column) {
            return column < fields.size() ? fields.get(column) : "";
        }
    }

    /** Rows of the text, fields separated by {@code separator} and quoted with {@code "}. */
    public static CsvRows of(final Reader text, final char separator) throws IOException {
        return of(text, separator, true);
    }

    /**
     * Rows of the text, fields separated by {@code separator}; quoted with {@code "} when {@code quoted}, else a
     * quote is an ordinary character (formats that never quote, where a stray quote must not swallow the file).
     */
    public static CsvRows of(final Reader text, final char separator, final boolean quoted) throws IOException {
        final CsvParser parser = (CsvParser) MAPPER.getFactory().createParser(text);
        final CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        parser.setSchema(quoted ? schema.withQuoteChar('"') : schema.withoutQuoteChar());
        parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        return new CsvRows(parser);
    }

    /**
     * The next row, blank lines included, or null at the end.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException for text that is not CSV (a quote never closed);
     *                                                            its location names the line
     */
    public Row next() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (token == JsonToken.START_ARRAY) {
                depth++;
                if (depth == 2) {
                    return row();
                }
            } else if (token == JsonToken.END_ARRAY) {
                depth--;
            }
        }
        return null;
    }

    private Row row() throws IOException {
        final List<String> fields = new ArrayList<>();
        // a row's own start token carries the previous row's location; its first field carries the right line
        long line = parser.currentLocation().getLineNr();
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
            if (fields.isEmpty()) {
                line = parser.currentTokenLocation().getLineNr();
            }
            fields.add(parser.getText());
        }
        depth--;
        return new Row(line, fields);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
