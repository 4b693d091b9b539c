import Foundation

/// The name a label, an assignment or a team policy records for a reviewer.
///
/// Contract: a name is compared byte for byte everywhere it is stored (`label_event.reviewer`,
/// `assignment.reviewer`, `team_policy`'s adjudicators), so every command that takes one reads it
/// through ``normalized(_:)``: leading and trailing white space (spaces, tabs, line breaks) is dropped,
/// and a name that is nothing else is no name. `ana ` given to `--reviewer` and `ana` given to
/// `trove assign --reviewers` are one reviewer.
public enum ReviewerName {
    /// `raw` without its surrounding white space; nil when nothing is left.
    public static func normalized(_ raw: String) -> String? {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }

    /// The names of a comma-separated list (`--reviewers ana,ben`, `--adjudicators lead`), each
    /// normalized, blanks left out, in the list's order.
    public static func list(_ raw: String) -> [String] {
        raw.split(separator: ",", omittingEmptySubsequences: false).compactMap { normalized(String($0)) }
    }

    /// Whether `name` is the one trove records its own changes under (``LabelBatch/importReviewer``):
    /// no person may label, be assigned or adjudicate as it, or undoing trove's batches would restore
    /// decisions on bytes no one reviewed.
    public static func isReserved(_ name: String) -> Bool {
        name == LabelBatch.importReviewer
    }
}
