/// Everything the review UI can be asked to do: the single vocabulary shared by key bindings, help, and
/// (for labelling) the `trove label` CLI. Raw values are the stable kebab-case names a user keymap file
/// or a script would use (`"edit-reward"`).
public enum Command: String, CaseIterable, Hashable, Sendable {
    // MARK: Labelling
    /// Label the current trajectory accepted.
    case accept
    /// Label the current trajectory rejected.
    case reject
    /// Move on without labelling; the trajectory stays pending.
    case skip
    /// Take back the last label change.
    case undo
    /// Re-apply the last undone label change.
    case redo
    /// Type a reward value in a prompt.
    case editReward = "edit-reward"
    /// Set the reward to 0.
    case rewardZero = "reward-zero"
    /// Set the reward to 1.
    case rewardOne = "reward-one"
    /// Add or remove tags.
    case editTags = "edit-tags"
    /// Write a note on the trajectory.
    case editNote = "edit-note"
    /// Accept every trajectory the current filter shows, after a confirmation.
    case acceptAll = "accept-all"
    /// Reject every trajectory the current filter shows, after a confirmation.
    case rejectAll = "reject-all"
    /// Show the label history of the trajectory.
    case showHistory = "show-history"
    /// Mask the selected step's agent turn (do not train on it), or take the mask off.
    case toggleMask = "toggle-mask"
    /// Correct the selected step's agent turn in `$EDITOR`.
    case editTurn = "edit-turn"

    // MARK: Navigation
    /// Next row (list) or next line (scrolling screens).
    case moveDown = "move-down"
    /// Previous row or line.
    case moveUp = "move-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    /// First row or top of the screen.
    case top
    /// Last row or bottom of the screen.
    case bottom
    /// Open the selected trajectory.
    case open
    /// Leave the current screen; on the list, quit.
    case back
    /// Leave the current screen; on the list, nothing (Esc, also the prompts' cancel key, never quits).
    case close
    /// Go to the next trajectory whose reviewers disagree (its decision is disputed).
    case nextDisputed = "next-disputed"
    /// Jump to the next step of the trajectory.
    case nextStep = "next-step"
    /// Jump to the previous step of the trajectory.
    case previousStep = "previous-step"

    // MARK: Search and selection
    /// Full-text search, typed in a prompt.
    case search
    /// Next search hit.
    case nextHit = "next-hit"
    /// Previous search hit.
    case previousHit = "previous-hit"
    /// Filter expression, typed in a prompt.
    case filter
    /// Sort by the next column.
    case sortNext = "sort-next"
    /// Reverse the sort order.
    case sortReverse = "sort-reverse"
    /// Go to a trajectory by id, typed in a prompt (a unique prefix is enough).
    case goToID = "go-to-id"
    /// Switch the list between the reviewer's queue (assigned to them, not decided by them) and all.
    case toggleQueue = "toggle-queue"

    // MARK: View
    case toggleThoughts = "toggle-thoughts"
    case toggleObservations = "toggle-observations"
    case toggleMetadata = "toggle-metadata"
    /// Unfold or fold the long observation at the cursor.
    case toggleFold = "toggle-fold"
    /// Read the next page of the text on screen that is longer than a page (a 300 MB observation).
    case nextTextPage = "next-text-page"
    /// Go back a page in that text.
    case previousTextPage = "previous-text-page"
    /// Show or hide context turns: the instruction prompt, the handshake and one-shot examples.
    case toggleContext = "toggle-context"
    /// Show the trajectory's source record as stored, as JSON.
    case toggleRaw = "toggle-raw"
    /// Compare the trajectory with another run of its task instance, chosen from a list.
    case compareRuns = "compare-runs"
    /// Show the source record in `$PAGER`.
    case pageRecord = "page-record"
    /// Show the selected step's corrected turn against its imported text, as a line diff in `$PAGER`.
    case showCorrection = "show-correction"
    /// Switch between the list and the statistics screen.
    case toggleStats = "toggle-stats"
    /// Open or close the key help.
    case toggleHelp = "toggle-help"
    /// Repaint the whole terminal.
    case redraw

    // MARK: Prompt
    /// Accept the typed text.
    case submit
    /// Abandon the prompt.
    case cancel
    /// Complete the typed id to the ids it starts (in the go-to-id prompt).
    case complete

    // MARK: Application
    /// Leave trove from any screen.
    case quit
}
