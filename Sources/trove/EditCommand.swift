import ArgumentParser
import Foundation
import TroveCore
import TrovePostgres
import TroveStore

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Correct one agent turn's text (a wrong thought, a malformed action), or take the correction back.",
        discussion: """
            The text as imported is kept; the correction is a label change like any other (in the history, \
            undone by trove label --undo or Backspace in trove review) and the trajectory's steps and flags are \
            parsed again from it. Exports write the corrected text (sharegpt, openai; agentinstruct writes the \
            record as imported and lists corrections under "trove" with --with-labels), and trove export \
            --format dpo --pairs edits pairs the correction (chosen) with the original (rejected). With \
            several reviewers, an adjudicator's correction wins, else the latest.

            The turn is the message index `trove show ID --json` prints for each step ("message"). The file \
            is taken as written (carriage returns included) but for one final line break, \\n or \\r\\n, which \
            is dropped when the turn's text ends in none (editors add one).

            Examples:
              trove edit db_3 --turn 5 --text-file fixed.txt
              trove edit db_3 --turn 5 --revert
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The trajectory's id.", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("The agent turn to correct, by message index.", valueName: "n"))
    var turn: Int

    @Option(
        help: ArgumentHelp(
            "A UTF-8 file holding the corrected text, taken as written but for one final line break; - reads "
                + "standard input.", valueName: "file"))
    var textFile: String?

    @Flag(help: "Take your correction back: the turn has its imported text again.")
    var revert = false

    @Flag(
        help: ArgumentHelp(
            "Save the file's text even when it is empty or only whitespace (blanks the turn on purpose).",
            discussion: "Without it an empty file is refused: a redirect that failed or an editor saved in a "
                + "hurry would otherwise erase the turn."))
    var allowEmpty = false

    @OptionGroup var reviewerOptions: ReviewerOptions

    func validate() throws {
        guard (textFile == nil) != !revert else { throw ValidationError("give --text-file or --revert, not both") }
        if turn < 0 { throw ValidationError("--turn is a message index, 0 or more") }
        if allowEmpty && textFile == nil { throw ValidationError("--allow-empty goes with --text-file") }
    }

    func run() throws {
        let store = try storeOptions.openSink()
        let who = try reviewerOptions.resolved()
        do {
            var text: String?
            if let textFile {
                guard let original = try store.turnText(of: id, turn: turn, blindReviewer: nil)?.original else {
                    throw StoreError.notAnAgentTurn(trajectory: id, turn: turn)
                }
                let corrected = TurnLabel.correction(fromFile: try Self.read(textFile), original: original)
                if !allowEmpty && TurnLabel.blanks(corrected) {
                    Console.error(
                        "trove: \(Console.visible(textFile)) holds no text: saving it would blank turn \(turn) of "
                            + "\(TrajectoryReport.visible(id)); nothing was changed (--allow-empty blanks it on purpose)"
                    )
                    throw ExitCode(TroveExitCode.dataError)
                }
                text = corrected
            }
            let batch = try store.setText(text, turn: turn, of: id, reviewer: who, origin: "cli")
            Console.output(
                (batch?.message
                    ?? "no change: turn \(turn) of \(TrajectoryReport.visible(id)) already has that text; nothing was "
                    + "written") + "\n")
        } catch let error as CorrectionError {
            // Only a file's text is checked (a revert stores none): the store refuses it whole.
            Console.error("trove: \(Console.visible(textFile ?? "")): \(error); nothing was changed")
            throw ExitCode(TroveExitCode.dataError)
        } catch let error as StoreError {
            Console.error("trove: \(error); nothing was changed")
            throw ExitCode(TroveExitCode.dataError)
        } catch let error as PostgresReviewError {
            try LabelCommand.refuse(error)
        }
    }

    /// The file's text (`-` standard input, a pipe as well); an error naming it and why when it cannot be
    /// read, or when it is not UTF-8.
    private static func read(_ path: String) throws -> String {
        let bytes: [UInt8]
        do {
            bytes = try RecordReader.contents(of: path)
        } catch {
            Console.error("trove: \(error); nothing was changed")
            throw ExitCode(TroveExitCode.of(error))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            Console.error("trove: \(Console.visible(path)) is not UTF-8 text; nothing was changed")
            throw ExitCode(TroveExitCode.dataError)
        }
        return text
    }
}
