import Foundation
import TroveCore
import TroveUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CursesTerminal {
    /// The editor when `$EDITOR` (and `$VISUAL`) name none.
    public static let defaultEditor = "vi"

    /// Writes `text` to a private temporary file (mode 0600, a unique name, never through a link), runs
    /// `$VISUAL`, else `$EDITOR`, else ``defaultEditor`` on it through `/bin/sh` with curses mode left for
    /// the while, then redraws the screen as it was and returns the file's text. The file is removed
    /// whatever happens.
    ///
    /// - throws: ``TerminalError/editorFailed(_:)`` when the editor exits with a failure (the text is
    ///   then not taken) or leaves a file that is not UTF-8; an error when it cannot be run.
    public func edit(_ text: String) throws -> String {
        let command =
            [environment["VISUAL"], environment["EDITOR"]].lazy.compactMap { $0 }.first { !$0.isEmpty }
            ?? Self.defaultEditor
        // A private file under a name no other run uses, created without following a planted link, and
        // removed when this returns or a signal ends the review (TemporaryFile's contract).
        let file = try TemporaryFile(
            for: FileManager.default.temporaryDirectory.appendingPathComponent("trove-turn.txt").path,
            shownPath: "the turn's temporary file")
        guard fchmod(file.descriptor, 0o600) == 0 else {
            throw TerminalError.editorFailed("cannot make \(file.path) private")
        }
        try FileHandle(fileDescriptor: file.descriptor, closeOnDealloc: false).write(contentsOf: Data(text.utf8))
        try file.close(shownPath: file.path)
        let status = try suspended(ignoring: [SIGINT, SIGQUIT]) {
            // The path is an argument of the shell, never part of the command text.
            try ForegroundCommand.run("\(command) \"$1\"", arguments: [file.path])
        }
        guard status == 0 else { throw TerminalError.editorFailed("the editor exited with status \(status)") }
        guard let data = FileManager.default.contents(atPath: file.path),
            let edited = String(data: data, encoding: .utf8)
        else { throw TerminalError.editorFailed("the edited text is not UTF-8") }
        return edited
    }
}
