import Foundation
import TroveCore

/// Runs the review list's counts on a thread of its own, so that a count over a million trajectories
/// never keeps a key waiting.
///
/// One count runs at a time. A request submitted while another runs replaces any request still queued
/// and stops the running one (``TrajectorySource/listCounts(matching:sortedBy:before:storeTotal:onOwnConnection:shouldStop:)``), so
/// after a burst of filter changes only the newest is counted and no stale scan competes with the UI for
/// the CPU. Results come back as ``Action/counted(generation:_:)`` (or ``Action/failed(_:)``); a stopped
/// count reports nothing, and the state drops the counts of a stale generation.
final class CountWorker: @unchecked Sendable {
    private let store: any TrajectorySource
    private let lock = NSLock()
    private var queued: CountRequest?
    private var isRunning = false
    /// The running count is no longer wanted (``stop()``), though no newer request replaced it yet.
    private var isStopping = false
    private var results: [Action] = []

    init(store: any TrajectorySource) {
        self.store = store
    }

    /// Whether a count is queued or running, or a result waits to be taken.
    var isBusy: Bool { lock.withLock { isRunning || queued != nil || !results.isEmpty } }

    /// Queues `request`, replacing one not started yet, and starts the thread when it is idle.
    func submit(_ request: CountRequest) {
        let start = lock.withLock {
            queued = request
            defer { isRunning = true }
            return !isRunning
        }
        if start { Thread.detachNewThread { self.drain() } }
    }

    /// Stops the running count, if any: the list is about to change, so its result would be stale, and
    /// its scan would only compete with the UI's own queries.
    func stop() {
        lock.withLock { if isRunning { isStopping = true } }
    }

    /// The results finished since the last call, oldest first.
    func takeResults() -> [Action] {
        lock.withLock {
            defer { results = [] }
            return results
        }
    }

    /// Counts `request` in `store`, as the action that reports it; nil when it stopped because
    /// `shouldStop` turned true.
    static func count(
        _ request: CountRequest, in store: any TrajectorySource, onOwnConnection: Bool,
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) -> Action? {
        do {
            let counts = try store.listCounts(
                matching: request.filter, sortedBy: request.sort, before: request.anchor,
                storeTotal: request.storeTotal, onOwnConnection: onOwnConnection, shouldStop: shouldStop)
            return .counted(generation: request.generation, counts)
        } catch is CountStopped {
            return nil
        } catch {
            return .failed(.error("cannot count the list: \(error)"))
        }
    }

    private func drain() {
        #if os(Linux)
            // Below the UI's thread, so a count takes only the CPU the UI leaves. On Linux the nice value
            // is per thread, and `who` 0 names the calling one.
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
        while let request = next() {
            let result = Self.count(request, in: store, onOwnConnection: true) { [self] in
                lock.withLock { queued != nil || isStopping }
            }
            if let result { lock.withLock { results.append(result) } }
        }
    }

    /// The queued request, or nil (and the thread ends) when there is none.
    private func next() -> CountRequest? {
        lock.withLock {
            defer { queued = nil }
            isStopping = false
            if queued == nil { isRunning = false }
            return queued
        }
    }
}
