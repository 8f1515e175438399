package org.vogstream.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static String printed(Consumer<PrintStream> job) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            job.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldEndOnAFullBarOnItsOwnLineWhenClosed() {
        String text = printed(out -> {
            try (ProgressBar bar = new ProgressBar(out, "scoring", 40)) {
                for (int i = 1; i <= 40; i++) {
                    bar.update(i);
                }
            }
            out.print("next");
        });
        String lastDraw = text.substring(text.lastIndexOf('\r') + 1);
        assertTrue(lastDraw.startsWith("scoring [" + "=".repeat(30) + "] 40/40  "), lastDraw);
        assertTrue(lastDraw.endsWith("/s\nnext"), lastDraw);
    }

    @Test
    void shouldPrintNothingWhenTheWorkFailedBeforeItsFirstStep() {
        // vog score printed "scoring [   ] 0/300  0/s" above its one-line refusal (found walking the docs)
        String text = printed(out -> {
            try (ProgressBar bar = new ProgressBar(out, "scoring", 300)) {
                throw new IllegalStateException("refused before the first batch");
            } catch (IllegalStateException expected) {
                out.print("error: refused");
            }
        });
        assertEquals("error: refused", text);
    }

    @Test
    void shouldRedrawAtMostTenTimesASecondUntilDone() {
        String text = printed(out -> {
            ProgressBar bar = new ProgressBar(out, "ranking", 1_000_000);
            for (int i = 1; i < 100_000; i++) {
                bar.update(i);
            }
        });
        long draws = text.chars().filter(c -> c == '\r').count();
        assertTrue(draws >= 1 && draws <= 5, draws + " redraws: " + text);
    }

    @Test
    void shouldBlankItsWholeLineWhenErased() {
        String text = printed(out -> {
            ProgressBar bar = new ProgressBar(out, "epoch 3/15", 600);
            bar.update(120);
            bar.erase();
        });
        int drawn = text.indexOf('\r', 1) - 1;
        assertEquals("\r" + " ".repeat(drawn) + "\r", text.substring(drawn + 1));
        assertTrue(drawn > "epoch 3/15 [".length() + 30, text);
    }
}
