import Foundation
import TroveCore

/// An in-memory ``TrajectorySource`` and ``LabelSink`` for pure tests of the review UI: keyset pages,
/// labels with a per-reviewer undo/redo history, and a filter evaluator covering `task`, `id`, `status`,
/// `steps`, `flag`, `tag` and `has` (a case-insensitive substring; the real store uses FTS5).
///
/// Every call takes a lock, so the fake is `Sendable` like the store it stands in for.
public final class FakeReviewStore: TrajectorySource, LabelSink, @unchecked Sendable {
    /// One trajectory's part of a batch: its label before and after, and the event that changed it.
    private struct Revertible {
        var trajectoryID: String
        var before: ReviewLabel
        var after: ReviewLabel
        var eventID: Int64
    }

    /// A label batch that undo and redo act on as a whole.
    private struct Batch {
        var id: Int64
        var change: String
        var parts: [Revertible]
    }

    private let lock = NSLock()
    private var trajectories: [StoredTrajectory]
    private var events: [LabelEvent] = []
    private var undoStacks: [String: [Batch]] = [:]
    private var redoStacks: [String: [Batch]] = [:]
    private var batchCount: Int64 = 0
    private var sessions: [String: ReviewSessionState] = [:]
    private var token: Int64 = 0
    /// The time stamped on every event.
    public var clock = "2025-01-01T00:00:00.000Z"

    public init(_ trajectories: [StoredTrajectory]) {
        self.trajectories = trajectories
    }

    /// Every event written so far, oldest first.
    public var allEvents: [LabelEvent] { lock.withLock { events } }

    /// Simulates another process changing the store.
    public func touch() { lock.withLock { token += 1 } }

    // MARK: - TrajectorySource

    /// Counts at once; it stops (throwing ``CountStopped``) only when asked to before it starts.
    public func listCounts(
        matching filter: Filter, sortedBy sort: ListSort, before anchor: TrajectoryRow?, storeTotal: Int?,
        onOwnConnection: Bool, shouldStop: @escaping @Sendable () -> Bool
    ) throws -> ListCounts {
        if shouldStop() { throw CountStopped() }
        return lock.withLock {
            let rows = matchingRows(filter)
            let counts = rows.reduce(into: StatusCounts()) { counts, row in
                switch row.status {
                case .accepted: counts.accepted += 1
                case .rejected: counts.rejected += 1
                case .pending: counts.pending += 1
                }
            }
            let position = anchor.map { anchor in rows.filter { Self.precedes($0, anchor, sort) }.count } ?? 0
            return ListCounts(counts: counts, storeTotal: storeTotal ?? trajectories.count, position: position)
        }
    }

    public func rows(matching filter: Filter, sortedBy sort: ListSort, after row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    {
        lock.withLock {
            let sorted = sortedRows(filter, sort)
            let start = row.map { anchor in sorted.firstIndex { Self.precedes(anchor, $0, sort) } ?? sorted.count } ?? 0
            return Array(sorted[start...].prefix(limit))
        }
    }

    public func rows(matching filter: Filter, sortedBy sort: ListSort, before row: TrajectoryRow?, limit: Int) throws
        -> [TrajectoryRow]
    {
        lock.withLock {
            let sorted = sortedRows(filter, sort)
            let end =
                row.map { anchor in sorted.firstIndex { !Self.precedes($0, anchor, sort) } ?? sorted.count }
                ?? sorted.count
            return Array(sorted[..<end].suffix(limit))
        }
    }

    public func row(id: String) throws -> TrajectoryRow? {
        lock.withLock { trajectories.indices.first { trajectories[$0].trajectory.id == id }.map(row(at:)) }
    }

    public func trajectory(id: String) throws -> StoredTrajectory? {
        lock.withLock { trajectories.first { $0.trajectory.id == id } }
    }

    public func labelHistory(of id: String) throws -> [LabelEvent] {
        lock.withLock { events.filter { $0.trajectoryID == id } }
    }

    public func stats() throws -> DatasetStats {
        lock.withLock {
            var byTask: [String: TaskStats] = [:]
            for stored in trajectories {
                var task = byTask[stored.trajectory.task] ?? TaskStats(task: stored.trajectory.task)
                task.trajectories += 1
                task.steps += stored.parsed.steps.count
                switch stored.label.status {
                case .accepted: task.accepted += 1
                case .rejected: task.rejected += 1
                case .pending: task.pending += 1
                }
                task.rewards.record(stored.effectiveReward)
                for flag in stored.parsed.flags { task.flags[flag, default: 0] += 1 }
                byTask[stored.trajectory.task] = task
            }
            return DatasetStats(tasks: byTask.values.sorted { $0.task < $1.task })
        }
    }

    public func changeToken() throws -> Int64 { lock.withLock { token } }

    public func reviewState(for reviewer: String) throws -> ReviewSessionState? {
        lock.withLock { sessions[reviewer] }
    }

    // MARK: - LabelSink

    public func applyLabel(_ change: LabelChange, to ids: [String], reviewer: String, origin: String) throws
        -> [LabelEvent]
    {
        try change.validate()
        return try lock.withLock {
            let indexes = try ids.map { id in
                guard let index = trajectories.firstIndex(where: { $0.trajectory.id == id }) else {
                    throw FakeStoreError.unknownID(id)
                }
                return index
            }
            return label(change, at: Array(Set(indexes)).sorted(), reviewer: reviewer, origin: origin)?.events ?? []
        }
    }

    public func applyLabel(_ change: LabelChange, matching filter: Filter, reviewer: String, origin: String) throws
        -> LabelBatch?
    {
        try change.validate()
        return lock.withLock {
            let indexes = trajectories.indices.filter { matches(filter.expression, trajectories[$0]) }
            guard let (batch, events) = label(change, at: indexes, reviewer: reviewer, origin: origin) else {
                return nil
            }
            return labelBatch(batch, kind: .label, reverts: nil, reviewer: reviewer, origin: origin, events: events)
        }
    }

    public func previewLabel(_ change: LabelChange, matching filter: Filter, limit: Int) throws
        -> (count: Int, firstIDs: [String])
    {
        try change.validate()
        return lock.withLock {
            let changed = trajectories.filter {
                matches(filter.expression, $0) && change.applied(to: $0.label) != $0.label
            }
            return (changed.count, changed.prefix(limit).map(\.trajectory.id))
        }
    }

    public func undo(reviewer: String, origin: String) throws -> LabelBatch? {
        lock.withLock {
            guard let last = undoStacks[reviewer]?.popLast() else { return nil }
            redoStacks[reviewer, default: []].append(last)
            return revert(last, kind: .undo, reviewer: reviewer, origin: origin)
        }
    }

    public func redo(reviewer: String, origin: String) throws -> LabelBatch? {
        lock.withLock {
            guard let last = redoStacks[reviewer]?.popLast() else { return nil }
            undoStacks[reviewer, default: []].append(last)
            return revert(last, kind: .redo, reviewer: reviewer, origin: origin)
        }
    }

    public func saveReviewState(_ state: ReviewSessionState, for reviewer: String) throws {
        lock.withLock { sessions[reviewer] = state }
    }

    // MARK: - Private (call with the lock held)

    /// Applies `change` to the trajectories at `indexes` (in import order) as one batch; nil when it
    /// changes none of them.
    private func label(_ change: LabelChange, at indexes: [Int], reviewer: String, origin: String) -> (
        batch: Batch, events: [LabelEvent]
    )? {
        let changing = indexes.filter { change.applied(to: trajectories[$0].label) != trajectories[$0].label }
        guard !changing.isEmpty else { return nil }
        batchCount += 1
        var batch = Batch(id: batchCount, change: change.summary, parts: [])
        let events = changing.map { index in
            let before = trajectories[index].label
            let event = record(
                index, label: change.applied(to: before), reviewer: reviewer, kind: .label, origin: origin,
                batch: batch.id)
            batch.parts.append(
                Revertible(trajectoryID: event.trajectoryID, before: before, after: event.label, eventID: event.id))
            return event
        }
        redoStacks[reviewer] = []
        undoStacks[reviewer, default: []].append(batch)
        return (batch, events)
    }

    /// Writes the undo (each trajectory's label from before) or the redo (from after) of `batch`.
    private func revert(_ batch: Batch, kind: LabelEvent.Kind, reviewer: String, origin: String) -> LabelBatch {
        batchCount += 1
        let id = batchCount
        let events = batch.parts.compactMap { part -> LabelEvent? in
            guard let index = trajectories.firstIndex(where: { $0.trajectory.id == part.trajectoryID }) else {
                return nil
            }
            return record(
                index, label: kind == .undo ? part.before : part.after, reviewer: reviewer, kind: kind,
                reverts: part.eventID, origin: origin, batch: id)
        }
        let reverted = Batch(id: id, change: batch.change, parts: [])
        return labelBatch(reverted, kind: kind, reverts: batch.id, reviewer: reviewer, origin: origin, events: events)
    }

    private func labelBatch(
        _ batch: Batch, kind: LabelEvent.Kind, reverts: Int64?, reviewer: String, origin: String,
        events: [LabelEvent]
    ) -> LabelBatch {
        LabelBatch(
            id: batch.id, kind: kind, reverts: reverts, reviewer: reviewer, at: clock, origin: origin,
            change: batch.change, count: events.count, firstEvents: Array(events.prefix(LabelBatch.firstEventLimit)))
    }

    private func record(
        _ index: Int, label: ReviewLabel, reviewer: String, kind: LabelEvent.Kind, reverts: Int64? = nil,
        origin: String, batch: Int64
    ) -> LabelEvent {
        trajectories[index].label = label
        token += 1
        let event = LabelEvent(
            id: Int64(events.count + 1), trajectoryID: trajectories[index].trajectory.id, reviewer: reviewer,
            at: clock, kind: kind, reverts: reverts, label: label, origin: origin, batch: batch)
        events.append(event)
        return event
    }

    private func row(at index: Int) -> TrajectoryRow {
        let stored = trajectories[index]
        let trajectory = stored.trajectory
        let task = stored.parsed.taskIndex.map { trajectory.messages[$0].text } ?? ""
        return TrajectoryRow(
            rowID: Int64(index + 1), id: trajectory.id, task: trajectory.task, steps: stored.parsed.steps.count,
            environmentReward: trajectory.environmentReward, reviewReward: stored.label.reward,
            status: stored.label.status, flags: stored.parsed.flags.sorted(), tags: stored.label.tags,
            preview: String(task.prefix(200)), sourceModel: trajectory.metadata["model"]?.stringValue)
    }

    private func matchingRows(_ filter: Filter) -> [TrajectoryRow] {
        trajectories.indices.filter { matches(filter.expression, trajectories[$0]) }.map(row(at:))
    }

    private func sortedRows(_ filter: Filter, _ sort: ListSort) -> [TrajectoryRow] {
        matchingRows(filter).sorted { Self.precedes($0, $1, sort) }
    }

    /// Whether `a` comes before `b` in `sort` order; ties break by row id in the same direction.
    private static func precedes(_ a: TrajectoryRow, _ b: TrajectoryRow, _ sort: ListSort) -> Bool {
        let (x, y) = (key(a, sort.column), key(b, sort.column))
        let ascending = x != y ? x < y : a.rowID < b.rowID
        return (x == y && a.rowID == b.rowID) ? false : ascending != sort.descending
    }

    private static func key(_ row: TrajectoryRow, _ column: ListColumn) -> String {
        func number(_ value: Double) -> String { String(format: "%012.4f", value + 1) }
        switch column {
        case .order: return ""
        case .id: return row.id
        case .task: return row.task
        case .steps: return number(Double(row.steps))
        case .envReward: return number(row.environmentReward ?? -1)
        case .reward: return number(row.reviewReward ?? -1)
        case .status: return row.status.rawValue
        case .flags: return row.flags.map(\.rawValue).joined(separator: ",")
        case .text: return row.preview
        }
    }

    private func matches(_ expression: FilterExpression?, _ stored: StoredTrajectory) -> Bool {
        switch expression {
        case nil: return true
        case .and(let left, let right)?: return matches(left, stored) && matches(right, stored)
        case .or(let left, let right)?: return matches(left, stored) || matches(right, stored)
        case .not(let operand)?: return !matches(operand, stored)
        case .predicate(let predicate)?:
            let result = holds(predicate, stored)
            return predicate.comparison == .notEqual ? !result : result
        }
    }

    private func holds(_ predicate: FilterPredicate, _ stored: StoredTrajectory) -> Bool {
        let text: String
        switch predicate.value {
        case .string(let value): text = value.lowercased()
        case .number(let value):
            let steps = Double(stored.parsed.steps.count)
            switch predicate.comparison {
            case .less: return steps < value
            case .lessOrEqual: return steps <= value
            case .greater: return steps > value
            case .greaterOrEqual: return steps >= value
            default: return steps == value
            }
        case .unknown: return false
        }
        switch predicate.field {
        case .task: return stored.trajectory.task.lowercased() == text
        case .id: return stored.trajectory.id.lowercased() == text
        case .status: return stored.label.status.rawValue == text
        case .flag: return stored.parsed.flags.contains { $0.rawValue == text }
        case .tag: return stored.label.tags.contains(text)
        case .has: return stored.trajectory.messages.contains { $0.text.lowercased().contains(text) }
        default: return false
        }
    }
}

/// What ``FakeReviewStore`` throws.
public enum FakeStoreError: Error, Equatable {
    case unknownID(String)
}
