import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C during `trove import`: the first SIGINT asks the import to stop at its next batch boundary,
/// a second one ends the process at once, as SIGINT does by default.
///
/// Contract:
/// - Only `trove import` installs it (``install()``), before its import starts; the importers read
///   ``isRequested`` through ``ImportOptions/isInterrupted`` between batches and while they wait for
///   the reader, then commit what they hold, stop, and leave their run unfinished for the same
///   import to complete.
/// - The handler only sets a flag, writes one line to standard error and puts SIGINT's default action
///   back (each async-signal-safe); a second Ctrl-C kills the import, which the store survives as it
///   survives a kill (docs/reliability.md).
/// - A SIGINT that is ignored when it is installed (a background job of a non-interactive shell) stays
///   ignored; one blocked by the mask inherited from the parent is unblocked.
public enum ImportInterruption {
    private static let requested = Atomic<Bool>(false)

    /// Whether Ctrl-C was pressed since ``install()``.
    public static var isRequested: Bool { requested.load(ordering: .acquiring) }

    /// What the handler writes at the first Ctrl-C.
    private static let notice: StaticString =
        "\ntrove: interrupted: stopping at the end of the batch being written (Ctrl-C again stops at once)\n"

    /// Makes SIGINT ask the import to stop instead of ending the process.
    public static func install() {
        var current = sigaction()
        sigaction(SIGINT, nil, &current)
        let ignored =
            unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        guard !ignored else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            ImportInterruption.requested.store(true, ordering: .releasing)
            _ = write(2, ImportInterruption.notice.utf8Start, ImportInterruption.notice.utf8CodeUnitCount)
            signal(SIGINT, SIG_DFL)
        }
        sigemptyset(&action.sa_mask)
        // Reads, writes and waits the signal lands in go on instead of failing with EINTR.
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        // A mask inherited from the parent would hold the signal until the import ends; the threads the
        // import starts later take this thread's mask.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, SIGINT)
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)
    }
}
