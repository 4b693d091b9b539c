import Foundation
import Testing
import TroveCore
import TroveTestSupport

/// `trove show` of runs that ended badly: what the store reads of the metadata reaches the report.
@Suite struct ShowCommandTests {
    private let directory = TemporaryDirectory()

    private func trove(_ arguments: [String]) throws -> TroveBinary.Result {
        try TroveBinary.run(arguments, in: directory.url.path)
    }

    /// QA: the crashed tau-bench episode showed only its two header lines, and its JSON had neither the
    /// outcome nor the error. The text says it has no steps and shows the error; the JSON has both.
    @Test func aCrashedEpisodeShowsItHasNoStepsAndItsError() throws {
        let imported = try trove(["import", Fixtures.url("agent-runs/tau-bench.json").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let text = try trove(["show", "tau-bench/task_0/trial_0"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("outcome error\n\nError:\n  EOF when reading a line\n"), "\(text.stdout)")
        #expect(
            text.stdout.hasSuffix("\nno steps: the record holds no turns; the run ended in an error (Error above)\n"))
        let json = try trove(["show", "--json", "tau-bench/task_0/trial_0"])
        let object = try #require(try JSONParser.parse(Array(json.stdout.utf8)).objectValue)
        #expect(object["outcome"] == .string("error"))
        #expect(object["error"] == .string("EOF when reading a line"))
        // A run with steps and no error: neither.
        let other = try trove(["show", "--json", "tau-bench/task_4/trial_1"])
        let clean = try #require(try JSONParser.parse(Array(other.stdout.utf8)).objectValue)
        #expect(clean["outcome"] == .null)
        #expect(clean["error"] == .null)
    }
}
