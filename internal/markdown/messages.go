package markdown

// Every message lint can emit, as fmt templates. docs/playbook-format.md
// lists each one verbatim; a test keeps the two in step.
const (
	msgNotText         = "not a markdown text file (it contains NUL bytes): playbook files must be UTF-8 text"
	msgInvalidUTF8     = "invalid UTF-8 (byte 0x%02X): save the file as UTF-8"
	msgForbidden       = "%s: it is removed from the text"
	msgTooDeep         = "blockquotes or lists nested %d deep (at most %d): flatten them"
	msgNoProcess       = "no process: add a `# Process` heading, then a `## Step` heading for each step"
	msgProcessNoSteps  = "process %q has no steps: add a `## Step` heading under it"
	msgStepOutside     = "step %q is outside a process: add a `# Process` heading above it"
	msgSectionOutside  = "%q is outside a step: put it under a `## Step` heading"
	msgNoResult        = "step %q has no `Result:` line: add `Result: ...` under the heading"
	msgTwoResults      = "step %q has a second `Result:` line: a step has one result"
	msgEmptyResult     = "`Result:` is empty: write the result the step must reach"
	msgNoDoneWhen      = "step %q has no `Done when:` list: add `Done when:` and a list of criteria"
	msgEmptyDoneWhen   = "`Done when:` has no list under it: add a `- criterion` line for each"
	msgMarkerOrphan    = "`%s` is not under a `Result:`, `A:` or differentiator: move it there"
	msgQNoA            = "`Q:` has no `A:`: add an `A: ...` line, or a task list of options for a choice"
	msgANoQ            = "`A:` has no `Q:` before it: add a `Q: ...` line above it"
	msgEmptyQ          = "`Q:` is empty: write the question"
	msgEmptyA          = "`A:` is empty: write the model answer"
	msgChoiceNoCorrect = "choice %q has no correct option: mark one or more with `[x]`"
	msgChoiceFew       = "choice %q has fewer than two options: add options as `- [ ] ...`"
	msgOptionNoBox     = "option %q has no checkbox: write it as `- [ ] ...` or `- [x] ...`"
	msgEmptyOption     = "empty option: write the option's text after the checkbox"
	msgEmptyKeyPoint   = "empty key point in `%s`: remove the extra `;` or `|` or write the point"
	msgRulesColumns    = "rules of engagement table must have the columns Situation | Category | Why (found %s)"
	msgRulesNoTable    = "`### Rules of engagement` has no table: add a `| Situation | Category | Why |` table"
	msgRulesEmptyCell  = "rules of engagement row has an empty %s: fill it in"
	msgRulesOneCat     = "rules of engagement table has only one category: a classification needs at least two"
	msgDiffNoAnswer    = "differentiator %q has no answer: write the model answer under the heading"
	msgDiffNone        = "`### Differentiators` has no `####` question: add one `#### How are you different from ...?` per question"
	msgDuplicateID     = "duplicate id %q (first used at %s): give one of them another `{#id}`"
	msgNoID            = "cannot make an id from %q: add an explicit `{#id}`"
	msgBadID           = "invalid id %q: use letters, digits, `-`, `_` and `.` only"
	msgEmptyHeading    = "empty heading: write a title"
	msgFrontMatter     = "front matter: %s"
	msgUnknownKey      = "unknown front matter key %q: the keys are playbook, version, competitors and order"
	msgFMUnclosed      = "front matter is not closed: add a `---` line after it"
	msgFMTooLong       = "front matter is longer than %d KB: it holds only playbook, version, competitors and order"
	msgFMTwice         = "%s is already set in %s: set it in one file only"
	msgNoMarkdown      = "no .md files in folder %q"
)

// messages lists the templates for the documentation test.
var messages = []string{
	msgNotText, msgInvalidUTF8, msgForbidden, msgTooDeep, msgNoProcess,
	msgProcessNoSteps, msgStepOutside, msgSectionOutside, msgNoResult,
	msgTwoResults, msgEmptyResult, msgNoDoneWhen, msgEmptyDoneWhen,
	msgMarkerOrphan, msgQNoA, msgANoQ, msgEmptyQ, msgEmptyA,
	msgChoiceNoCorrect, msgChoiceFew, msgOptionNoBox, msgEmptyOption,
	msgEmptyKeyPoint, msgRulesColumns, msgRulesNoTable, msgRulesEmptyCell,
	msgRulesOneCat, msgDiffNoAnswer, msgDiffNone, msgDuplicateID, msgNoID,
	msgBadID, msgEmptyHeading, msgFrontMatter, msgUnknownKey, msgFMUnclosed,
	msgFMTooLong, msgFMTwice, msgNoMarkdown,
}
