import ArgumentParser

/// The `--reviewer` option of the commands that label.
struct ReviewerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Who is labeling (default: $USER).", valueName: "name"))
    var reviewer: String?
}
