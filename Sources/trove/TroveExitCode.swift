/// Exit statuses, following sysexits(3) so scripts can tell failures apart.
/// README.md and docs/cli.md list them.
enum TroveExitCode {
    /// Success.
    static let ok: Int32 = 0
    /// `show` found no trajectory with the id.
    static let notFound: Int32 = 1
    /// Bad usage: an unknown option, a missing argument, a value out of range.
    static let usage: Int32 = 64
    /// Bad data: records rejected as malformed, or conflicting with stored ones.
    static let dataError: Int32 = 65
    /// An input file or the store could not be opened.
    static let cannotOpen: Int32 = 66
}
