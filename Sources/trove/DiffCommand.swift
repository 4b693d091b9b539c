import ArgumentParser
import Foundation
import TroveCore
import TroveStore
import TroveUI

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Align two runs of a task step by step and show where they part.",
        discussion: """
            The steps are aligned by action (kind and argument, not by line): = marks the same action in \
            both runs, ≠ different actions at one point, < a step only run A took, > one only run B took; a \
            rule marks the first divergence. From 120 columns the runs are side by side, else one above the \
            other. Runs of one task instance share a group (trove show prints it; --where group:ID selects \
            them). The review UI shows the same view on = in a trajectory.

            Examples:
              trove diff singers_ok singers_bad
              trove diff singers_ok singers_bad --width 160 | less -S
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("The first run (A).", valueName: "id"))
    var first: String

    @Argument(help: ArgumentHelp("The second run (B).", valueName: "id"))
    var second: String

    @Option(
        help: ArgumentHelp(
            "Columns to lay out for: $COLUMNS, else the terminal's width, else 80.", valueName: "columns"))
    var width: Int?

    func validate() throws {
        if let width, width < Self.minimumWidth {
            throw ValidationError("--width must be at least \(Self.minimumWidth)")
        }
    }

    func run() throws {
        let store = try storeOptions.openForReading()
        let runs = try [first, second].map { try storeOptions.trajectory($0, in: store) }
        let canvas = RunDiff(left: runs[0], right: runs[1]).canvas(width: width ?? Self.terminalWidth())
        // The canvas holds sanitized glyphs only: data never reaches the terminal raw.
        Console.output(canvas.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) + "\n" }.joined())
    }

    static let minimumWidth = 40

    /// `$COLUMNS` when it is a width, else the width of the terminal on standard output, else 80.
    static func terminalWidth() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= minimumWidth {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, Int(size.ws_col) >= minimumWidth {
            return Int(size.ws_col)
        }
        return 80
    }
}
