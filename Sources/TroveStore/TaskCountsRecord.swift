import GRDB
import TroveCore

/// One task's counts by review status, read by column name.
struct TaskCountsRecord: FetchableRecord {
    enum Columns: String, ColumnExpression {
        case task, trajectories, steps, accepted, rejected, pending, disputed
    }

    var stats: TaskStats

    init(row: Row) throws {
        stats = TaskStats(task: try row.stored(Columns.task))
        stats.trajectories = try row.stored(Columns.trajectories)
        stats.steps = try row.stored(Columns.steps)
        stats.accepted = try row.stored(Columns.accepted)
        stats.rejected = try row.stored(Columns.rejected)
        stats.pending = try row.stored(Columns.pending)
        stats.disputed = try row.stored(Columns.disputed)
    }
}
