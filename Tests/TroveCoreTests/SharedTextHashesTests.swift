import Testing

@testable import TroveCore

/// The reading thread's remembered hashes give what hashing gives, remembered or not (DECISIONS.md 83).
@Suite struct SharedTextHashesTests {
    private func fnv(_ text: String) -> Int64 { Int64(bitPattern: StableHash.fnv1a(text)) }

    @Test func everyTextGetsItsOwnHashWhetherShortRepeatedOrNot() {
        let hashes = SharedTextHashes()
        let prompt = String(repeating: "You are a helpful agent. ", count: 40)
        let texts = [
            "", "OK.", String(repeating: "x", count: SharedTextHashes.shortest - 1),
            String(repeating: "x", count: SharedTextHashes.shortest), prompt, prompt, "€" + prompt, prompt,
        ]
        for text in texts { #expect(hashes.hash(of: text) == fnv(text), "\(text.utf8.count) bytes") }
    }

    /// Texts alike in length and in their first and last eight bytes are told apart by their middle.
    @Test func textsThatDifferOnlyInTheMiddleAreNotConfused() {
        let hashes = SharedTextHashes()
        let head = String(repeating: "h", count: 100)
        let tail = String(repeating: "t", count: 200)
        let first = head + "A" + tail
        let second = head + "B" + tail
        #expect(hashes.hash(of: first) == fnv(first))
        #expect(hashes.hash(of: second) == fnv(second))
        #expect(hashes.hash(of: first) == fnv(first))
        #expect(fnv(first) != fnv(second))
    }

    /// Past the budget everything is forgotten, and hashes stay right.
    @Test func pastItsBudgetItForgetsAndStillHashesRight() {
        let hashes = SharedTextHashes()
        let size = 1 << 20
        let texts = (0..<(SharedTextHashes.budget / size + 3)).map { index in
            String(repeating: "\(index % 10)", count: size - 1) + "."
        }
        for text in texts + texts { #expect(hashes.hash(of: text) == fnv(text)) }
    }
}
