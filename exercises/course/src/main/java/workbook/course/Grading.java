package workbook.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Grades one student repository against the reference workbook: points per check (from the
 * reference's {@code @Points}), per lesson and in total, and whether the student's checks are the
 * reference's (by {@link Fingerprint}).
 *
 * <p>Only the reference's checks count: a check the student deleted or renamed is simply not
 * passed, and changed checks are flagged, not trusted.
 */
public final class Grading {

    /** What the reference workbook says: its lessons, the points of their checks, and their fingerprints. */
    public record Reference(List<String> lessonIds, Map<String, Map<String, Integer>> points,
            Map<String, String> checkFingerprints, String sharedFingerprint) {

        public static Reference of(Path workbook) throws IOException {
            List<String> ids = new ArrayList<>();
            Map<String, Map<String, Integer>> points = new LinkedHashMap<>();
            Map<String, String> fingerprints = new LinkedHashMap<>();
            for (Lesson lesson : Lesson.all(workbook.resolve("exercises"))) {
                ids.add(lesson.id());
                points.put(lesson.id(), Points.of(lesson.checks()));
                fingerprints.put(lesson.id(), Fingerprint.ofChecks(lesson.dir()));
            }
            return new Reference(ids, points, fingerprints, Fingerprint.ofSharedMachinery(workbook));
        }

        int possible(String lessonId) {
            return points.get(lessonId).values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * One lesson of one student. {@code ran} is false when the lesson left no test reports; {@code unknown}
     * lists checks that ran but that the reference does not have (renamed or added ones: they earn nothing);
     * {@code hintsOpened} counts the hint levels {@code ./hint} showed (0 where the folder has no such record,
     * as in a pushed repository: the record lives in target/, on the student's machine).
     */
    public record LessonGrade(String lessonId, int earned, int possible, boolean ran, boolean checksUnchanged,
            List<String> notPassed, List<String> unknown, int hintsOpened) {
    }

    /** One student: every lesson, and whether the shared check machinery is untouched. */
    public record StudentGrade(String student, List<LessonGrade> lessons, boolean sharedUnchanged) {

        public int earned() {
            return lessons.stream().mapToInt(LessonGrade::earned).sum();
        }

        public int possible() {
            return lessons.stream().mapToInt(LessonGrade::possible).sum();
        }

        public int hintsOpened() {
            return lessons.stream().mapToInt(LessonGrade::hintsOpened).sum();
        }

        public boolean checksUnchanged() {
            return sharedUnchanged && lessons.stream().allMatch(LessonGrade::checksUnchanged);
        }
    }

    private Grading() {
    }

    /** Grades the repository at {@code repo} (a workbook checkout whose checks have run). */
    public static StudentGrade grade(Path repo, Reference reference) throws IOException {
        List<LessonGrade> lessons = new ArrayList<>();
        for (String id : reference.lessonIds()) {
            Path dir = repo.resolve("exercises").resolve(id);
            List<CheckResult> results = SurefireReports.read(dir.resolve("target/surefire-reports"));
            Set<String> passed = results.stream().filter(CheckResult::passed).map(CheckResult::name)
                    .collect(Collectors.toSet());
            boolean ran = !results.isEmpty();
            List<String> unknown = results.stream().map(CheckResult::name)
                    .filter(name -> !reference.points().get(id).containsKey(name)).distinct().toList();
            int earned = 0;
            List<String> notPassed = new ArrayList<>();
            for (Map.Entry<String, Integer> check : reference.points().get(id).entrySet()) {
                if (passed.contains(check.getKey())) {
                    earned += check.getValue();
                } else {
                    notPassed.add(check.getKey());
                }
            }
            boolean unchanged = Fingerprint.ofChecks(dir).equals(reference.checkFingerprints().get(id));
            int hints = new Lesson(id, dir).hintRecord().count();
            lessons.add(new LessonGrade(id, earned, reference.possible(id), ran, unchanged, notPassed, unknown, hints));
        }
        boolean shared = Fingerprint.ofSharedMachinery(repo).equals(reference.sharedFingerprint());
        return new StudentGrade(repo.toAbsolutePath().normalize().getFileName().toString(), lessons, shared);
    }
}
