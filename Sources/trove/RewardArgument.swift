import ArgumentParser
import TroveCore

/// Reads a `--reward` value as the filter and the review prompt do: a decimal or a fraction (`2/3`),
/// never hexadecimal, `nan` or `inf`; whether it is within 0...1 is the command's check.
enum RewardArgument {
    static func parse(_ text: String) throws -> Double {
        guard let value = NumberText.decimal(text) else {
            throw ValidationError("'\(text)' is not a reward: write a number from 0 to 1, such as 0.5 or 2/3")
        }
        return value
    }
}
