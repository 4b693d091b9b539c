/// A file no output may replace, named whether it exists yet or not, and what it is: a store and
/// the files trove and SQLite keep beside it (its write-ahead log, its rejects file).
///
/// ```swift
/// let rejects = ReservedFile(path: "trove.sqlite.rejects.jsonl", role: "the store's rejects file")
/// rejects.isNamed(by: "./trove.sqlite.rejects.jsonl")   // true, also before the first import wrote it
/// ```
public struct ReservedFile: Sendable, Hashable {
    /// The path as the command derived it (`STORE.rejects.jsonl`).
    public var path: String
    /// What the file is, as a refusal names it: `the store's rejects file`.
    public var role: String

    public init(path: String, role: String) {
        self.path = path
        self.role = role
    }

    /// Whether `output` names this file: the same file when either exists (through hard links too),
    /// else the same name in the same directory.
    public func isNamed(by output: String) -> Bool {
        let reserved = FileIdentity(path: path)
        let named = FileIdentity(path: output)
        if reserved != nil || named != nil { return reserved == named }
        guard OutputTarget.name(of: output) == OutputTarget.name(of: path),
            let directory = FileIdentity(path: OutputTarget.directory(of: output))
        else { return false }
        return directory == FileIdentity(path: OutputTarget.directory(of: path))
    }
}
