import GRDB
import TroveCore

/// A `message_row` row, read by column name: a message without its text, which the review screen reads
/// through ``ColumnReader`` from `message_text` by `text_id`.
struct MessageHeadRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case role
        case originalRole = "original_role"
        case loss, turn
        case toolCalls = "tool_calls"
        case toolCallID = "tool_call_id"
        case textID = "text_id"
    }

    /// The messages of `trajectory`, in order.
    ///
    /// - throws: ``StoreError/damagedRow(trajectory:column:stored:)`` when a row of it is damaged.
    static func fetchAll(_ db: Database, of trajectory: TrajectoryHeadRecord) throws -> [MessageHeadRecord] {
        try Row.fetchAll(
            db,
            sql: "SELECT role, original_role, loss, turn, tool_calls, tool_call_id, text_id FROM message_row "
                + "WHERE trajectory_id = ? ORDER BY idx", arguments: [trajectory.rowID]
        ).map { try $0.record(Self.self, of: trajectory.id) }
    }

    var role: MessageRole
    var originalRole: String
    var loss: Bool?
    var turn: TurnKind
    var toolCalls: [ToolCall]
    var toolCallID: String?
    var textID: Int64

    init(row: Row) throws {
        let role: String = try row.stored(Columns.role)
        self.role = MessageRole(rawValue: role) ?? .environment
        originalRole = try row.stored(Columns.originalRole)
        loss = try row.stored(Columns.loss)
        let turn: String = try row.stored(Columns.turn)
        self.turn = TurnKind(rawValue: turn) ?? .other
        toolCalls = ToolCallCoding.calls(try row.stored(Columns.toolCalls))
        toolCallID = try row.stored(Columns.toolCallID)
        textID = try row.stored(Columns.textID)
    }

    /// The message with `text`.
    func message(text: String) -> Message {
        Message(
            role: role, originalRole: originalRole, text: text, loss: loss, toolCalls: toolCalls,
            toolCallID: toolCallID)
    }
}
