import GRDB
import TroveCore

/// One row of the `message` view, read by column name (`turn` only when selected).
struct MessageRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case role
        case originalRole = "original_role"
        case text, loss, turn
    }

    var message: Message
    /// The turn's kind, when the query selected `turn`.
    var turn: TurnKind?

    init(row: Row) throws {
        let role: String = try row.stored(Columns.role)
        message = Message(
            role: MessageRole(rawValue: role) ?? .environment, originalRole: try row.stored(Columns.originalRole),
            text: try row.stored(Columns.text), loss: try row.stored(Columns.loss))
        let turn: String? = try row.stored(Columns.turn)
        self.turn = turn.map { TurnKind(rawValue: $0) ?? .other }
    }
}
