import ArgumentParser
import Foundation
import TroveCore

/// The `--reviewer` option of the commands that label.
struct ReviewerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Who is labeling (default: $TROVE_REVIEWER, else $USER).", valueName: "name"))
    var reviewer: String?

    /// `--reviewer`, else `$TROVE_REVIEWER`, else `$USER`, as ``ReviewerName/normalized(_:)`` reads
    /// them (blank values do not count); nil when none names anyone, so that nothing is recorded under a
    /// made-up name or a blank one.
    static func reviewer(option: String?, environment: [String: String]) -> String? {
        [option, environment["TROVE_REVIEWER"], environment["USER"]].lazy.compactMap { $0 }
            .compactMap(ReviewerName.normalized).first
    }

    /// Who is labeling, or a usage error (64) that asks for `--reviewer` when nothing names them.
    func resolved() throws -> String {
        // A blank name given on purpose is a mistake to name, not a reason to label as `$USER`.
        if let reviewer, ReviewerName.normalized(reviewer) == nil {
            Console.error("trove: --reviewer names no one (it is blank); give --reviewer NAME; nothing was changed")
            throw ExitCode(TroveExitCode.usage)
        }
        guard let who = Self.reviewer(option: reviewer, environment: ProcessInfo.processInfo.environment) else {
            Console.error("trove: who is labeling? give --reviewer NAME (or set TROVE_REVIEWER); nothing was changed")
            throw ExitCode(TroveExitCode.usage)
        }
        // The batches that send replaced records back for review are trove's own: a reviewer of that name
        // could undo one and restore decisions on bytes no one reviewed.
        guard !ReviewerName.isReserved(who) else {
            Console.error(
                "trove: '\(who)' is the name trove writes its own changes under (a replaced record sent back for "
                    + "review); give --reviewer NAME (or set TROVE_REVIEWER); nothing was changed")
            throw ExitCode(TroveExitCode.usage)
        }
        return who
    }
}
