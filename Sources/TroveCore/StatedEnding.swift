/// How a run ended, in its harness's words, where the formats trove reads keep them in the metadata: an
/// error message (an OpenHands output's `error`, an Inspect sample's `error.message`, tau-bench's
/// `info.error`) and an exit status (SWE-agent's and mini-swe-agent's `exit_status`, top level or in
/// `info`). ``RunOutcome`` is these normalized for filters; the review screen and `trove show` show the
/// words themselves.
public struct StatedEnding: Hashable, Sendable {
    /// The error's message, nil when the record states none.
    public var error: String?
    /// The exit status, nil when the record states none.
    public var exitStatus: String?

    public init(_ metadata: JSONObject) {
        let info = metadata["info"]?.objectValue
        error = Self.message(metadata["error"]) ?? Self.message(info?["error"])
        exitStatus = Self.text(metadata["exit_status"]) ?? Self.text(info?["exit_status"])
    }

    /// A SQL expression, in `dialect`, of the JSON text of an object holding only the members of a
    /// trajectory's `metadata` column that ``init(_:)`` reads (`error`, `exit_status`, and both in
    /// `info`; JSON `null` where absent), so that a store reads how a run ended without reading its whole
    /// metadata.
    public static func metadataSQL(in dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            """
            json_object('error', json_extract(metadata, '$.error'), 'exit_status', json_extract(metadata, '$.exit_status'), \
            'info', json_object('error', json_extract(metadata, '$.info.error'), \
            'exit_status', json_extract(metadata, '$.info.exit_status')))
            """
        case .postgres:
            """
            json_build_object('error', metadata::json -> 'error', 'exit_status', metadata::json -> 'exit_status', \
            'info', json_build_object('error', metadata::json -> 'info' -> 'error', \
            'exit_status', metadata::json -> 'info' -> 'exit_status'))::text
            """
        }
    }

    /// An error as a string, or an object's `message` (Inspect's `{"message", "traceback"}`).
    private static func message(_ value: JSONValue?) -> String? {
        text(value) ?? text(value?.objectValue?["message"])
    }

    /// A string that says something: not empty, not only white space.
    private static func text(_ value: JSONValue?) -> String? {
        guard let text = value?.stringValue, text.contains(where: { !$0.isWhitespace }) else { return nil }
        return text
    }
}
