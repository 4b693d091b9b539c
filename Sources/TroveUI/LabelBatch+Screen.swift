import TroveCore

extension LabelBatch {
    /// ``message`` as the status line says it: one trajectory's id, which ends it, shortened in the
    /// middle (``Format/id(_:to:)``), so that a long id keeps its end (`…-run_2`) on the line.
    var screenMessage: String {
        guard count == 1, let id = firstTrajectoryID.map(TrajectoryReport.visible), message.hasSuffix(id) else {
            return message
        }
        return message.dropLast(id.count) + Format.id(id)
    }
}
