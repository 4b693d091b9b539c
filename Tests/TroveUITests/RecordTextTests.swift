import Testing

@testable import TroveUI

/// The record re-indented as JSON for `R` and `v`: tokens as written, keys told from strings, stopping
/// at a budget.
@Suite struct RecordTextTests {
    @Test func reindentsTwoSpacesPerLevelKeepingTokensAsWritten() {
        let record =
            #"{"id":"db_1","conversations":[{"from":"human","value":"a\n\"b\""}],"reward":1.0,"meta":{},"tags":[ ]}"#
        #expect(
            RecordText.text(Array(record.utf8)) == """
                {
                  "id": "db_1",
                  "conversations": [
                    {
                      "from": "human",
                      "value": "a\\n\\"b\\""
                    }
                  ],
                  "reward": 1.0,
                  "meta": {},
                  "tags": []
                }

                """)
        let first = RecordText.lines(Array(record.utf8)).lines[1].tokens
        #expect(first.map(\.kind) == [.key, .punctuation, .string, .punctuation])
    }

    @Test func stopsAtTheBudgetOnAScalarBoundaryAndCountsWhatIsLeft() {
        let record = Array(#"{"text":"ééééééééé","more":1}"#.utf8)
        let (lines, omitted) = RecordText.lines(record, budget: 16)
        let text = lines.map(\.text).joined(separator: "\n")
        #expect(text == "{\n  \"text\": \"ééé")
        #expect(omitted == record.count - 15)
    }

    @Test func bytesThatAreNotJSONComeOutAsTheyAre() {
        #expect(RecordText.text(Array("not json".utf8)) == "not json\n")
    }
}
