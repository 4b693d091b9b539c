import ArgumentParser

/// The `--seed` option of the commands that choose at random.
struct SeedOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seed of the random choices; the same seed gives the same output.", valueName: "n"))
    var seed: UInt64 = 0
}
