import TroveCore

// `=` on a trajectory: choose another run of its task instance, then see the two aligned.

extension AppState {
    /// The runs the open trajectory can be compared with, the chooser's cursor, and the chosen run's diff.
    public struct Comparison: Hashable, Sendable {
        /// The most runs the chooser lists.
        public static let runLimit = 200

        /// The other runs of the task instance, in import order (at most ``runLimit``).
        public var runs: [TrajectoryRow]
        /// The chooser's cursor, an index in ``runs``.
        public var cursor = 0
        /// The open trajectory (A) aligned with the chosen run (B), once that is loaded.
        public var diff: RunDiff?

        public init(runs: [TrajectoryRow]) {
            self.runs = Array(runs.prefix(Self.runLimit))
        }

        /// The run under the cursor.
        public var chosen: TrajectoryRow? { runs.indices.contains(cursor) ? runs[cursor] : nil }

        mutating func moveCursor(by delta: Int) {
            cursor = max(0, min(runs.count - 1, cursor + delta))
        }
    }

    /// Asks for the other runs of the open trajectory's task instance.
    mutating func compareRuns() -> [Effect] {
        guard let document else { return [] }
        guard let group = document.group else {
            message = UserMessage(
                "\(Format.id(document.id)) has no task group: it states no task, or its task text is too long")
            return []
        }
        return [.loadGroupRuns(group: group, excluding: document.id)]
    }

    /// Opens the chooser on the other runs, or says there are none.
    mutating func receive(groupRuns runs: [TrajectoryRow]) {
        guard screen == .trajectory, let document else { return }
        guard !runs.isEmpty else {
            message = UserMessage("no other run of this task instance (group \(document.group ?? "none"))")
            return
        }
        comparison = Comparison(runs: runs)
        screens.append(.runs)
    }

    /// Shows the open trajectory aligned with `stored`, in place of the chooser.
    mutating func receive(comparison stored: StoredTrajectory) {
        guard screen == .runs, let document else { return }
        // Blind, the store gave both runs as the reviewer may read them (a closing `reward = True` says
        // too much, as another reviewer's correction does).
        comparison?.diff = RunDiff(left: document.stored, right: stored)
        screens[screens.count - 1] = .diff
        pageScroll = 0
    }
}
