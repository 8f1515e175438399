package org.vogstream.app.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file with a header, written row by row through Jackson's CSV generator: a field is quoted
 * (RFC 4180) exactly where it holds a comma, a quote or a line break, so ids come back intact.
 */
final class CsvFile implements AutoCloseable {
    // the default check also quotes harmless fields (spaces, '#'); the strict one only those that need it
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private final SequenceWriter rows;

    private CsvFile(SequenceWriter rows) {
        this.rows = rows;
    }

    static CsvFile create(Path file, List<String> columns) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        return new CsvFile(MAPPER.writer(schema.build()).writeValues(file.toFile()));
    }

    /** One value per column, in the header's order; numbers and booleans are written as {@code toString} gives them. */
    void row(List<?> values) throws IOException {
        rows.write(values);
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
