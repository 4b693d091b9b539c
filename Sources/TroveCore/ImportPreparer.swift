/// Work a store adds to an import's reading thread (``ImportPipeline``): it sees each trajectory once it is
/// prepared, before the trajectory is handed to the writing thread, in input order.
public protocol ImportPreparer {
    mutating func prepare(_ trajectory: inout PreparedTrajectory)
}
