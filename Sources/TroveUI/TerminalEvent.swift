/// What a ``Terminal`` reports between frames.
public enum TerminalEvent: Hashable, Sendable {
    /// A key press (mouse wheel turns included, as ``Key/wheelUp`` / ``Key/wheelDown``).
    case key(Key)
    /// The terminal now has this size; the next frame must be rendered at it.
    case resize(Size)
}
