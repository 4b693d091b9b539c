import ArgumentParser

@main
struct Trove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trove",
        abstract: "Curate agent trajectories for fine-tuning: import, review, label and export.",
        version: "0.1.0"
    )
}
