import Foundation
import Testing
import TroveTestSupport

/// Every command's `--help` at 100 columns, pinned as a golden file in
/// `__Snapshots__/help/`, so a change to options or wording shows in review.
/// `TROVE_RECORD_SNAPSHOTS=1` rewrites a differing file (and the test fails once).
@Suite struct HelpGoldenTests {
    static let commands = [
        "", "import", "stats", "show", "diff", "label", "edit", "export", "review", "mix", "synth", "backup", "copy",
        "check", "reparse",
        "team",
        "assign",
        "progress", "agreement",
    ]

    @Test(arguments: commands)
    func helpMatchesItsGoldenFile(command: String) throws {
        let result = try TroveBinary.run((command.isEmpty ? [] : [command]) + ["--help"])
        #expect(result.status == 0)
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__/help/\(command.isEmpty ? "trove" : command).txt")
        let expected = try? String(contentsOf: file, encoding: .utf8)
        guard expected != result.stdout else { return }
        if expected == nil || ProcessInfo.processInfo.environment["TROVE_RECORD_SNAPSHOTS"] == "1" {
            try result.stdout.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("Golden file \(file.path) written; review it and run again.")
        } else {
            Issue.record("\(file.lastPathComponent) differs (TROVE_RECORD_SNAPSHOTS=1 re-records):\n\(result.stdout)")
        }
    }
}
