import Foundation
import Testing
import TroveUI

/// Compares `canvas` with its golden file and records a test issue on any difference.
///
/// The file is `Tests/<Target>/__Snapshots__/<suite>/<name>.<W>x<H>.txt`, where `<Target>` is the test
/// target directory holding the calling file and `suite` defaults to the calling file's name without
/// `.swift`. It holds one line per canvas row, each wrapped in `"…"` so trailing spaces show; with
/// `includeRoles`, a blank line and one ``Role/letter`` per cell follow, also quoted.
///
/// A missing file is written and the test fails, asking for a review of the new file. With
/// `TROVE_RECORD_SNAPSHOTS=1` in the environment a differing file is rewritten (and the test fails once,
/// so recording is never silent).
public func assertSnapshot(
    _ canvas: Canvas,
    named name: String,
    suite: String? = nil,
    includeRoles: Bool = false,
    filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    TestLocale.prepare()
    let source = URL(fileURLWithPath: filePath)
    let suiteName = suite ?? source.deletingPathExtension().lastPathComponent
    guard let targetDirectory = testTargetDirectory(containing: source) else {
        Issue.record(
            "assertSnapshot: \(filePath) is not inside a Tests/<Target> directory", sourceLocation: sourceLocation)
        return
    }
    let file = targetDirectory.appendingPathComponent("__Snapshots__")
        .appendingPathComponent(suiteName)
        .appendingPathComponent("\(name).\(canvas.size).txt")
    let actual = snapshotText(canvas, includeRoles: includeRoles)
    let recording = ProcessInfo.processInfo.environment["TROVE_RECORD_SNAPSHOTS"] == "1"

    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        write(actual, to: file, sourceLocation: sourceLocation)
        Issue.record("New snapshot written to \(file.path); review it and run again.", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    if recording {
        write(actual, to: file, sourceLocation: sourceLocation)
        Issue.record("Snapshot re-recorded at \(file.path).", sourceLocation: sourceLocation)
    } else {
        let difference = firstDifference(expected: expected, actual: actual)
        Issue.record(
            Comment(
                rawValue:
                    "Snapshot \(file.lastPathComponent) differs (TROVE_RECORD_SNAPSHOTS=1 re-records):\n\(difference)"),
            sourceLocation: sourceLocation
        )
    }
}

/// The golden-file text of `canvas`: quoted lines, then optionally a blank line and quoted role lines.
public func snapshotText(_ canvas: Canvas, includeRoles: Bool = false) -> String {
    var lines = canvas.lines.map { "\"\($0)\"" }
    if includeRoles {
        lines.append("")
        lines += canvas.roleLines.map { "\"\($0)\"" }
    }
    return lines.joined(separator: "\n") + "\n"
}

private func testTargetDirectory(containing file: URL) -> URL? {
    var directory = file.deletingLastPathComponent()
    while directory.pathComponents.count > 1 {
        if directory.deletingLastPathComponent().lastPathComponent == "Tests" { return directory }
        directory.deleteLastPathComponent()
    }
    return nil
}

private func write(_ text: String, to file: URL, sourceLocation: SourceLocation) {
    do {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    } catch {
        Issue.record("Cannot write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
    }
}

private func firstDifference(expected: String, actual: String) -> String {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let old = index < expectedLines.count ? String(expectedLines[index]) : "(none)"
        let new = index < actualLines.count ? String(actualLines[index]) : "(none)"
        if old != new { return "line \(index + 1):\n  expected \(old)\n  actual   \(new)" }
    }
    return "(no line differs)"
}
