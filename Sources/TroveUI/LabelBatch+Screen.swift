import TroveCore

extension LabelBatch {
    /// ``message`` as the status line says it: its id and reviewer name drawn as every id on screen
    /// (``Format/id(_:to:)``: shortened in the middle, so that a long id keeps its end, `…-run_2`, and
    /// with control characters left to the screen, which draws them as their pictures).
    var screenMessage: String { message(showing: { Format.id($0) }) }
}
