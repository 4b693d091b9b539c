extension TextPage {
    /// How much of the text before a page a blind reviewer's page is read with, in UTF-8 bytes: enough
    /// for any statement of a reward (``ObservationReward``) whose value starts on the page to be found
    /// from its key.
    public static let statementLead = 1024

    /// The page as a blind reviewer reads it, `before` being the text just before it (the page of the
    /// ``statementLead`` bytes before its offset): every reward it states reads `hidden`, as on the
    /// first page, also a value the page starts or ends inside.
    public func redactingStatedRewards(after before: String) -> TextPage {
        var page = self
        page.text = ObservationReward.redacted(text, after: before, continues: remaining > 0)
        return page
    }
}
