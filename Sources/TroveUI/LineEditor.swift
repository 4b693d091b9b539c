/// A one-line text editor for prompts: insert, delete, and cursor movement by user-perceived character
/// (a code point typed after another joins it when Swift's grapheme rules say so), with the cursor's
/// screen column measured by display width (wide characters take two cells).
public struct LineEditor: Hashable, Sendable {
    /// The text, one element per user-perceived character.
    public private(set) var characters: [Character]
    /// The insertion point, in `0...characters.count`.
    public private(set) var cursor: Int
    /// Whether the whole text is selected: the first typed character replaces it, a deletion clears
    /// it, and a movement keeps it and ends the selection.
    public private(set) var isSelected: Bool

    /// An editor holding `text`, with the cursor at its end, the text selected when `selected`.
    public init(_ text: String = "", selected: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        isSelected = selected && !text.isEmpty
    }

    public var text: String { String(characters) }

    /// The display column of the cursor from the start of the text.
    public var cursorColumn: Int { TextWidth.width(of: String(characters[..<cursor])) }

    /// Applies an editing key; returns `false` for keys the editor does not use.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        if isSelected {
            isSelected = false
            switch key {
            case .char, .backspace, .ctrl("h"), .delete, .ctrl("d"), .ctrl("u"), .ctrl("k"):
                // What follows then acts on empty text: a character is inserted, a deletion deletes nothing.
                characters = []
                cursor = 0
            default: break
            }
        }
        switch key {
        case .char(let character):
            // A terminal sends one code point at a time: one that Swift's grapheme rules join to a neighbour
            // (a zero-width joiner, a combining mark, a flag's second half) becomes part of that character,
            // so that movement and deletion take whole user-perceived characters.
            let start = max(0, cursor - 1)
            let end = min(characters.count, cursor + 1)
            let head = String(characters[start..<cursor]) + String(character)
            let joined = Array(head + String(characters[cursor..<end]))
            characters.replaceSubrange(start..<end, with: joined)
            cursor = start + min(head.count, joined.count)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("u"):
            characters.removeSubrange(..<cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeSubrange(cursor...)
        default:
            return false
        }
        return true
    }
}
