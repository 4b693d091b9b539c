import Testing

@testable import TroveCore

/// `--split name=fraction`: each part of a bad value is named by its own error.
@Suite struct ExportSplitParsingTests {
    @Test(arguments: [("valid=0.05", "valid", 0.05), ("held-out=0.5", "held-out", 0.5), ("é2=0.1", "é2", 0.1)])
    func aNameAndAFractionMakeTheSplit(text: String, name: String, fraction: Double) throws {
        let split = try ExportRequest.Split(parsing: text, seed: 7)
        #expect(split == ExportRequest.Split(name: name, fraction: fraction, seed: 7))
    }

    @Test(arguments: [
        ("a/b=0.1", ExportSplitError.invalidName("a/b", "/")), ("a/b=2", .invalidName("a/b", "/")),
        (".=0.1", .invalidName(".", ".")), ("=0.1", .emptyName), ("valid", .notNameAndFraction("valid")),
        ("valid=x", .notANumber("x")), ("valid=0.1=2", .notANumber("0.1=2")), ("valid=0", .fractionOutOfRange("0")),
        ("valid=1", .fractionOutOfRange("1")), ("valid=nan", .fractionOutOfRange("nan")),
    ])
    func eachBadPartHasItsOwnError(text: String, error: ExportSplitError) {
        #expect(throws: error) { try ExportRequest.Split(parsing: text, seed: 1) }
    }

    @Test func theNameIsBlamedForTheNameAndTheFractionForTheFraction() {
        #expect(ExportSplitError.invalidName("a/b", "/").description.hasPrefix("the split's name 'a/b' holds '/'"))
        #expect(ExportSplitError.fractionOutOfRange("2").description.hasPrefix("the fraction 2 is not between"))
        #expect(!ExportSplitError.invalidName("a\u{1B}b", "\u{1B}").description.contains("\u{1B}"))
    }
}
