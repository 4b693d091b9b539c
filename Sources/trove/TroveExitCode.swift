import TroveCore

/// Exit statuses, following sysexits(3) so scripts can tell failures apart.
/// README.md's exit status table lists them.
enum TroveExitCode {
    /// `show` found no trajectory with the id.
    static let notFound: Int32 = 1
    /// Bad usage: an unknown option, a missing argument, a value out of range.
    static let usage: Int32 = 64
    /// Bad data: records rejected as malformed, or conflicting with stored ones.
    static let dataError: Int32 = 65
    /// An input file or the store could not be opened.
    static let cannotOpen: Int32 = 66
    /// An internal error: a bug in trove, not in the data or the usage.
    static let software: Int32 = 70
    /// An output file could not be created.
    static let cannotCreate: Int32 = 73
    /// Reading or writing failed part-way: a full disk, a file size limit, a full standard output.
    static let ioError: Int32 = 74

    /// The import stopped at Ctrl-C (SIGINT), after committing whole batches: 128 + the signal's
    /// number, as a shell reports a command the signal ended.
    static let interrupted: Int32 = 130

    /// The status for an input that could not be read: a usage error when it is no trajectory data at
    /// all (a database), a data error when it is cut short, else one that could not be opened.
    static func of(_ error: RecordReadError) -> Int32 {
        switch error {
        case .notTrajectoryData: usage
        case .truncated, .notJSONText: dataError
        case .cannotOpen, .readFailed: cannotOpen
        }
    }

    /// The status for an output that could not be written.
    static func of(_ error: OutputError) -> Int32 {
        switch error.kind {
        case .usage: usage
        case .cannotCreate: cannotCreate
        case .io: ioError
        }
    }
}
