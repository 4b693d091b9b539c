/// Thrown by ``TrajectorySource/listCounts(matching:sortedBy:before:storeTotal:onOwnConnection:shouldStop:)`` when the caller
/// asked it to stop before it finished.
public struct CountStopped: Error, Hashable, Sendable {
    public init() {}
}
