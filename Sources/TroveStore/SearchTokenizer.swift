import CSearchTokens
import TroveCore

/// Tokenizes, on an import's reading thread, the message texts the writer will add to the search index
/// (`message_fts`), with SQLite's own `unicode61` tokenizer and the table's arguments, so that the writer
/// replays the tokens (``SearchTokenReplay``) instead of computing them.
///
/// A private text is always new; a shared one only the first time this import meets it (it is then
/// inserted once), so only those are tokenized. A text the writer indexes without tokens (one the store
/// already held, a hash that two texts share) is tokenized there as before.
///
/// Implementation note: the tokenizer is a fifth of what the index costs the writer: 0.38 s of CPU per
/// 200 MB of `trove synth` (348,515 texts, 11.6 million tokens) of its 2.3–2.6 s; replayed, the index
/// took 2.09–2.23 s instead of 2.31–2.60 s, and the reading thread 0.53–0.57 s more (a C replay, three runs).
final class SearchTokenizer: ImportPreparer {
    private let tokenizer: OpaquePointer?
    private var buffer = trove_token_buffer()
    /// The shared texts tokenized, by hash and context.
    private var sharedMet: Set<SharedText> = []
    /// Bounds ``sharedMet``, as the writer's catalog bounds what it remembers; a shared text met again
    /// after it is forgotten is tokenized again, in vain.
    private let sharedCapacity: Int

    init(sharedCapacity: Int = 200_000) {
        tokenizer = trove_text_tokenizer_open()
        self.sharedCapacity = sharedCapacity
    }

    deinit {
        trove_text_tokenizer_close(tokenizer)
        trove_token_buffer_free(&buffer)
    }

    func prepare(_ trajectory: inout PreparedTrajectory) {
        guard tokenizer != nil else { return }
        var tokens = SearchTokens()
        for (index, message) in trajectory.trajectory.messages.enumerated() {
            buffer.count = 0
            if isNew(message.text, hash: trajectory.textHashes[index], turn: trajectory.turns[index]) {
                tokenize(message.text)
            }
            tokens.append(UnsafeRawBufferPointer(start: buffer.bytes, count: buffer.count))
        }
        trajectory.searchTokens = tokens
    }

    /// The entry of `text` that ``SearchTokenReplay`` replays; empty when SQLite has no tokenizer for it.
    func entry(of text: String) -> [UInt8] {
        buffer.count = 0
        tokenize(text)
        return Array(UnsafeRawBufferPointer(start: buffer.bytes, count: buffer.count))
    }

    /// Appends the entry of `text` to ``buffer``, or nothing when SQLite fails to tokenize it.
    private func tokenize(_ text: String) {
        guard let tokenizer else { return }
        var text = text
        text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { characters in
                _ = trove_text_tokenizer_append(tokenizer, characters.baseAddress, Int32(characters.count), &buffer)
            }
        }
    }

    /// Whether the writer will insert `text` as a new text (``MessageTextCatalog``'s choice).
    private func isNew(_ text: String, hash: Int64, turn: TurnKind) -> Bool {
        guard let context = MessageTextCatalog.sharedContext(of: text, turn: turn) else { return true }
        if sharedMet.count >= sharedCapacity { sharedMet.removeAll() }
        return sharedMet.insert(SharedText(hash: hash, context: context)).inserted
    }

    private struct SharedText: Hashable {
        var hash: Int64
        var context: Bool
    }
}
