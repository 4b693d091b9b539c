import Testing
import TroveCore
import TroveStore
import TroveTestSupport
import TroveUI

/// The metadata view (`M`) names every member in full, apart from its value.
@Suite struct MetadataViewTests {
    @Test func aKeyWiderThanTheLabelColumnLeadsItsLineWhole() throws {
        let record =
            #"{"id":"meta_1","environment":"swe_main","seed":7,"conversations":[{"from":"human","value":"Do it."},{"from":"gpt","value":"done"}]}"#
        let directory = TemporaryDirectory()
        let store = try ReviewSession.fixtureStore(extra: [directory.write("m.jsonl", record + "\n")])
        let session = ReviewSession.run(store, events: Script.open("meta_1") + Script.events(.keys("M")))
        let lines = session.canvas.lines
        #expect(lines.contains { $0.contains(#"environment "swe_main""#) }, "\(lines)")
        #expect(lines.contains { $0.contains("seed") && $0.contains("7") && !$0.contains("seed7") })
    }
}
