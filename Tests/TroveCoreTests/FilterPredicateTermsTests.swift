import Testing
import TroveCore

/// The predicates callers build without writing filter text are the ones the parser reads.
@Suite struct FilterPredicateTermsTests {
    @Test(arguments: LabelStatus.allCases)
    func statusIsWhatTheParserReads(status: LabelStatus) throws {
        let parsed = try Filter.parse("status:\(status.rawValue)").expression
        #expect(parsed == .predicate(.status(status)))
    }

    @Test(arguments: ["plain", "two words", #"a "quoted" \ back"#, "none", "(paren"])
    func hasKeepsTheTextAndWritesFilterTextThatReadsBack(text: String) throws {
        let predicate = try #require(FilterPredicate.has(text))
        #expect(predicate.value == .string(text))
        let filter = Filter(.predicate(predicate))
        #expect(try Filter.parse(filter.source).expression == filter.expression)
    }

    @Test func hasRefusesEmptyTextAsTheParserDoes() {
        #expect(FilterPredicate.has("") == nil)
        #expect(throws: FilterError.self) { try Filter.parse(#"has:"""#) }
    }
}
