package workbook.course;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes graded students as a Markdown report (a table, then each student's missing checks) and as CSV. */
final class ReportWriter {

    private ReportWriter() {
    }

    static String markdown(List<Grading.StudentGrade> students, Grading.Reference reference) {
        StringBuilder md = new StringBuilder("# Grading report\n\n");
        md.append("Points per lesson (earned/possible). \"checks\" says whether the student's checks, testkit and\n")
          .append("build files are the reference's; a changed check is listed and should be looked at.\n\n");
        md.append("| student |");
        reference.lessonIds().forEach(id -> md.append(' ').append(id).append(" |"));
        md.append(" total | checks |\n|---|");
        reference.lessonIds().forEach(id -> md.append("---:|"));
        md.append("---:|---|\n");
        for (Grading.StudentGrade s : students) {
            md.append("| ").append(escape(s.student())).append(" |");
            for (Grading.LessonGrade l : s.lessons()) {
                md.append(' ').append(l.ran() ? l.earned() + "/" + l.possible() : "not run").append(" |");
            }
            md.append(' ').append(s.earned()).append('/').append(s.possible()).append(" | ")
              .append(s.checksUnchanged() ? "unchanged" : "**CHANGED: " + changed(s) + "**").append(" |\n");
        }
        if (students.stream().anyMatch(s -> s.hintsOpened() > 0)) {
            md.append("\n## Hint levels opened\n\n")
              .append("How many hint levels each student asked `./hint` for, per lesson (the level 1 a failing check\n")
              .append("prints by itself is not counted). Known only where the student's own working folder was graded:\n")
              .append("the record is in `target/`, which git does not push.\n\n| student |");
            reference.lessonIds().forEach(id -> md.append(' ').append(id).append(" |"));
            md.append(" total |\n|---|");
            reference.lessonIds().forEach(id -> md.append("---:|"));
            md.append("---:|\n");
            for (Grading.StudentGrade s : students) {
                md.append("| ").append(escape(s.student())).append(" |");
                s.lessons().forEach(l -> md.append(' ').append(l.hintsOpened()).append(" |"));
                md.append(' ').append(s.hintsOpened()).append(" |\n");
            }
        }
        md.append("\n## Checks not passed\n");
        for (Grading.StudentGrade s : students) {
            md.append("\n### ").append(escape(s.student())).append(String.format(Locale.ROOT, " (%d/%d)%n", s.earned(), s.possible()));
            boolean any = false;
            for (Grading.LessonGrade l : s.lessons()) {
                for (String check : l.notPassed()) {
                    md.append("- ").append(l.lessonId()).append(": ").append(escape(check)).append('\n');
                    any = true;
                }
            }
            if (!any) {
                md.append("Every check passes.\n");
            }
            for (Grading.LessonGrade l : s.lessons()) {
                for (String check : l.unknown()) {
                    md.append("- ").append(l.lessonId()).append(": **not a check of the reference** (renamed or added,"
                            + " earns nothing): ").append(escape(check)).append('\n');
                }
            }
        }
        return md.toString();
    }

    static String csv(List<Grading.StudentGrade> students, Grading.Reference reference) {
        StringBuilder csv = new StringBuilder("student");
        reference.lessonIds().forEach(id -> csv.append(',').append(id).append(',').append(id).append("_possible"));
        csv.append(",total,possible,checks_unchanged,changed");
        reference.lessonIds().forEach(id -> csv.append(',').append(id).append("_hints_opened"));
        csv.append('\n');
        for (Grading.StudentGrade s : students) {
            csv.append(quote(s.student()));
            for (Grading.LessonGrade l : s.lessons()) {
                csv.append(',').append(l.earned()).append(',').append(l.possible());
            }
            csv.append(',').append(s.earned()).append(',').append(s.possible()).append(',')
               .append(s.checksUnchanged() ? "yes" : "no").append(',').append(quote(changed(s)));
            s.lessons().forEach(l -> csv.append(',').append(l.hintsOpened()));
            csv.append('\n');
        }
        return csv.toString();
    }

    /** Which parts differ from the reference: lesson ids, and "testkit/build" for the shared machinery. */
    static String changed(Grading.StudentGrade s) {
        List<String> parts = s.lessons().stream().filter(l -> !l.checksUnchanged()).map(Grading.LessonGrade::lessonId)
                .collect(Collectors.toList());
        if (!s.sharedUnchanged()) {
            parts.add("testkit/build");
        }
        return String.join(" ", parts);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
