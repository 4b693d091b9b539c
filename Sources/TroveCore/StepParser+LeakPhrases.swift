extension StepParser {
    /// The phrases that set ``QualityFlag/labelLeak``, lowercase, as a reviewer's screen highlights
    /// them: `"provided answer"`, …, `"correct answer is"`, `"expected answer is"`.
    public static let labelLeakPhrases: [String] =
        leakingWords.map { "\($0)answer" } + leakingWhenStated.map { "\($0)answer is" }
}
