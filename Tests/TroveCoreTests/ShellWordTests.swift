import Foundation
import Testing
import TroveCore

/// `ShellWord.quoted` is what trove prints in a suggested command line: bash must read it back as the
/// text itself, and nothing in it may act on a terminal.
@Suite struct ShellWordTests {
    private static let samples = [
        "task:os", #"has:"it's""#, "has:\"a\tb\"", "line one\nline two", "has:\u{202E}evil", "tag:\u{1B}[31mred",
        "\u{85}next", "has:\\d+ $HOME `id`", "emoji \u{1F600} and tag \u{E0041}", "café 東京",
    ]

    @Test func printableTextIsSingleQuoted() {
        #expect(ShellWord.quoted("task:os has:\"ls -la\"") == #"'task:os has:"ls -la"'"#)
        #expect(ShellWord.quoted("it's") == #"'it'\''s'"#)
        #expect(ShellWord.quoted("café 東京") == "'café 東京'")
    }

    @Test func invisibleCharactersAreEscapedInANSICQuotes() {
        #expect(ShellWord.quoted("a\tb") == #"$'a\tb'"#)
        #expect(ShellWord.quoted("it's\n") == #"$'it\'s\n'"#)
        #expect(ShellWord.quoted("\u{202E}x\\") == #"$'\u202ex\\'"#)
        #expect(ShellWord.quoted("\u{E0041}") == #"$'\U000e0041'"#)
        for sample in Self.samples {
            let word = ShellWord.quoted(sample)
            #expect(!word.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
            #expect(!word.unicodeScalars.contains { $0.properties.generalCategory == .format })
        }
    }

    @Test func bashReadsEveryWordBackAsItsText() throws {
        for sample in Self.samples {
            let bash = Process()
            bash.executableURL = URL(fileURLWithPath: "/bin/bash")
            bash.arguments = ["-c", "printf %s " + ShellWord.quoted(sample)]
            let output = Pipe()
            bash.standardOutput = output
            try bash.run()
            let bytes = output.fileHandleForReading.readDataToEndOfFile()
            bash.waitUntilExit()
            #expect(Array(bytes) == Array(sample.utf8), "\(ShellWord.quoted(sample))")
        }
    }
}
