import Testing

@testable import TroveCore

@Suite struct PreparedTrajectoryTests {
    /// The preview cut on bytes for ASCII texts is the prefix of characters the review list always
    /// showed, for texts around its length and texts whose characters span several bytes or scalars
    /// (a carriage return and line feed, an accent combining with the letter before it) near the cut.
    @Test func previewIsTheFirstCharacters() {
        let length = PreparedTrajectory.previewLength
        let ascii = String(repeating: "abcdefghij", count: 30)
        var texts = ["", "a", "task: do it\n", ascii]
        for count in (length - 2)...(length + 2) {
            let base = String(ascii.prefix(count))
            texts += [base, base + "\u{301}", base + "\r\n", base + "é", base + "😀x"]
            texts += [String(base.dropLast()) + "\r\n" + "tail", "\r\n" + base, "e\u{301}" + base]
        }
        for text in texts {
            let expected = String(text.prefix(length))
            #expect(Array(PreparedTrajectory.preview(of: text).utf8) == Array(expected.utf8), "\(text.utf8.count)")
        }
    }
}
