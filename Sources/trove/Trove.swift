import ArgumentParser
import TroveCore

@main
struct Trove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trove",
        abstract: "Curate agent trajectories for fine-tuning: import, review, label and export.",
        discussion: """
            trove keeps trajectories in a SQLite store (--store, else $TROVE_STORE, else ./trove.sqlite) \
            that trainers can read directly; see docs/store.md.
            """,
        version: TroveVersion.current,
        subcommands: [
            ImportCommand.self, StatsCommand.self, ShowCommand.self, LabelCommand.self, ExportCommand.self,
            ReviewCommand.self, MixCommand.self, SynthCommand.self, BackupCommand.self, CheckCommand.self,
        ]
    )
}
