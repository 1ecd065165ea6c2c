package io.evalstream.reports.export;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The settings a task was asked with and who graded it.
 *
 * @param grader the grader's name and version; null when the grade record could not be read
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GradeSetup(String settingsHash, String grader) {
}
