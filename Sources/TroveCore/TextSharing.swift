/// Whether a store keeps a message text once for every trajectory using it (docs/store.md,
/// `message_text`): the text of a context turn (prompt, handshake, in-context example, other), apart from
/// the same bytes in a trajectory's own turns, and any text of at most ``shortText`` bytes recur across
/// records and are shared; every other text is private to its trajectory.
///
/// Both stores' importers decide by it, and ``PreparedTrajectory`` hashes only the texts it shares.
public enum TextSharing: Sendable, Hashable {
    /// Stored for its trajectory alone (`message_text.trajectory_id` names it).
    case privateText
    /// Stored once and shared (`trajectory_id` NULL), as a context text (`context` 1) or not.
    case shared(context: Bool)

    /// The longest text, in UTF-8 bytes, shared whatever its turn ("Nothing happens.", "[]").
    public static let shortText = 64

    /// How the text of a turn of kind `turn` is stored.
    public init(of text: String, turn: TurnKind) {
        let context = turn == .prompt || turn == .handshake || turn == .example || turn == .other
        self = context || text.utf8.count <= Self.shortText ? .shared(context: context) : .privateText
    }
}
