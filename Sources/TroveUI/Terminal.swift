/// The screen and keyboard the review runtime drives: a curses backend in production, a scripted one in
/// tests. Calls come from one thread, in the order start, (nextEvent / present)*, stop.
public protocol Terminal: AnyObject {
    /// Takes over the screen (alternate screen, raw keys). Throws when the terminal cannot be set up, in
    /// which case it is left as it was.
    func start() throws

    /// Gives the screen back. Idempotent; also safe when ``start()`` failed or was never called.
    func stop()

    /// The current size in cells; changes are also reported as ``TerminalEvent/resize(_:)``.
    var size: Size { get }

    /// Waits up to `timeout` for the next event; `nil` when none came in time.
    func nextEvent(timeout: Duration) throws -> TerminalEvent?

    /// Shows `canvas`, which should have the current ``size`` (cells outside the screen are not shown).
    func present(_ canvas: Canvas)

    /// Leaves the screen, shows `text` in the user's pager, and takes the screen back as it was once the
    /// pager exits. Throws when the pager cannot be run.
    func page(_ text: String) throws

    /// Leaves the screen, opens `text` in the user's editor, and takes the screen back as it was once the
    /// editor exits; returns the edited text. Throws when the editor cannot run or fails.
    func edit(_ text: String) throws -> String
}
