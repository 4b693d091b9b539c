import Testing
import TroveCore
import TroveTestSupport

@Suite struct ImportPipelineTests {
    private let directory = TemporaryDirectory()

    /// Ten ShareGPT records of about a thousand bytes each.
    private func records() -> String {
        let padding = String(repeating: "x", count: 900)
        return (1...10).map { index in
            #"{"id": "r\#(index)", "conversations": [{"from": "human", "value": "task \#(index) \#(padding)"}, "#
                + #"{"from": "gpt", "value": "done"}]}"#
        }.joined(separator: "\n") + "\n"
    }

    private func batchSizes(batchSize: Int, batchBytes: Int) -> [Int] {
        let path = directory.write("records.jsonl", records())
        let pipeline = ImportPipeline(
            paths: [path], codec: TrajectoryCodec(options: .init()), batchSize: batchSize, batchBytes: batchBytes,
            archives: nil)
        var sizes: [Int] = []
        while let item = pipeline.next() {
            if case .batch(let batch, _) = item, !batch.isEmpty { sizes.append(batch.count) }
        }
        return sizes
    }

    @Test func aBatchEndsOnceItsRecordsHoldTheByteLimit() {
        #expect(batchSizes(batchSize: 100, batchBytes: 2500) == [3, 3, 3, 1])
    }

    @Test func aBatchEndsAtTheRecordLimitWhenItsBytesStayUnder() {
        #expect(batchSizes(batchSize: 4, batchBytes: 1_000_000) == [4, 4, 2])
    }
}
