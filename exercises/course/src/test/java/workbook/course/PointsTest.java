package workbook.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PointsTest {

    @Test
    void readsEachChecksNameAndPointsDefaultingToOne() {
        String source = """
                @LessonChecks
                @DisplayName("Lesson 01 · UpperServer")
                class UpperServerTest {

                    @Test
                    @Points(3)
                    @Tag("step:3")
                    @DisplayName("Step 3: three clients, one after another, are all served")
                    void servesClientsOneAfterAnother() throws Exception {
                        helper(new Object() { });
                    }

                    @Test
                    @DisplayName("Step 4: a \\"quoted\\" name")
                    void quoted() {
                    }

                    @Test
                    @Points(2)
                    @DisplayName("Step 5: a name (with brackets) too long for one line,"
                            + " so it goes on: C:\\\\x")
                    void longName() {
                    }

                    private static void helper(Object o) {
                    }
                }
                """;
        Map<String, Integer> points = new LinkedHashMap<>();
        Points.readInto(source, points);
        assertThat(points).containsExactly(
                Map.entry("Step 3: three clients, one after another, are all served", 3),
                Map.entry("Step 4: a \"quoted\" name", 1),
                Map.entry("Step 5: a name (with brackets) too long for one line, so it goes on: C:\\x", 2));
    }
}
