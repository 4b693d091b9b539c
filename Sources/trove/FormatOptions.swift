import ArgumentParser
import TroveCore

/// The `--format` and `--system` options of the commands that write trainer records.
struct FormatOptions: ParsableArguments {
    @Option(help: ArgumentHelp("agentinstruct, sharegpt or openai.", valueName: "format"))
    var format: ExportFormat?

    @Option(
        help: ArgumentHelp("A system prompt for sharegpt and openai records that have none.", valueName: "text"))
    var system: String?

    func validate() throws {
        if system != nil, format == .agentinstruct {
            throw ValidationError(
                "--system is for sharegpt and openai, not agentinstruct, which writes each record as imported")
        }
    }

    /// The format, which a command that writes records requires.
    func required() throws -> ExportFormat {
        guard let format else { throw ValidationError("--format is required (agentinstruct, sharegpt or openai)") }
        return format
    }
}

extension ExportFormat: ExpressibleByArgument {}
