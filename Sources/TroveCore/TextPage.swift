/// A page of one message's text: the scalars whose first byte lies in a byte range of it.
///
/// Cutting by bytes and keeping each scalar on the page its first byte falls in, consecutive ranges
/// give pages that join back into the text, none splitting a character's bytes.
public struct TextPage: Hashable, Sendable {
    /// The message's index in its trajectory.
    public var message: Int
    /// Where ``text`` starts in the message's text, in UTF-8 bytes.
    public var offset: Int
    /// The page's text.
    public var text: String
    /// The whole message text's size in UTF-8 bytes.
    public var size: Int

    public init(message: Int, offset: Int, text: String, size: Int) {
        self.message = message
        self.offset = offset
        self.text = text
        self.size = size
    }

    /// The bytes of the message's text after this page.
    public var remaining: Int { max(0, size - offset - text.utf8.count) }
}
