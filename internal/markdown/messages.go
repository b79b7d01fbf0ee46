package markdown

// Every message lint can emit, as fmt templates. docs/playbook-format.md
// lists each one verbatim; a test keeps the two in step.
const (
	msgNotText         = "not a markdown text file (it contains NUL bytes): playbook files must be UTF-8 text"
	msgInvalidUTF8     = "invalid UTF-8 (byte 0x%02X): save the file as UTF-8"
	msgForbidden       = "%s: it is removed from the text"
	msgTooDeep         = "blockquotes or lists nested %d deep (at most %d): flatten them"
	msgEmphasisTooDeep = "emphasis (`*` or `_`) nested %d deep (at most %d): close some of it"
	msgLongList        = "a list of %d items (at most %d): split it, or make it a table"
	msgTooManyOptions  = "choice %q has %d options (at most %d): a rep cannot weigh that many; split it into several questions"
	msgTooManyCards    = "step %q has %d cards (at most %d): split it into several steps"
	msgNoProcess       = "no process: add a `# Process` heading, then a `## Step` heading for each step"
	msgProcessNoSteps  = "process %q has no steps: add a `## Step` heading under it"
	msgStepOutside     = "step %q is outside a process: add a `# Process` heading above it"
	msgSectionOutside  = "%q is outside a step: put it under a `## Step` heading"
	msgNoResult        = "step %q has no `Result:` line: add `Result: ...` under the heading"
	msgTwoResults      = "step %q has a second `Result:` line: a step has one result"
	msgEmptyResult     = "`Result:` is empty: write the result the step must reach"
	msgNoDoneWhen      = "step %q has no `Done when:` list: add `Done when:` and a list of criteria"
	msgEmptyDoneWhen   = "`Done when:` has no list under it: add a `- criterion` line for each"
	msgQOutsideDrill   = "`Q:` outside `### Drill` is read as prose and makes no card: move it under the step's `### Drill` heading, or add one above it"
	msgMarkerInSection = "`%s` under `%s` is read as prose: move it right under the step's `##` heading, before any `###` section"
	msgLabelTypo       = "`%s` is read as prose, not as a label: write `%s`"
	msgIndentedItem    = "this list item is indented by a tab or four spaces, so it is not read as a list item: start its `-` at the left margin"
	msgUnderNonStep    = "`%s` is under `%s`, which is not a step: steps are `##` headings, so write `## %s`"
	msgSectionTypo     = "`### %s` is prose, not a section playdrill reads: write `### %s`"
	msgDiffOutside     = "`#### %s` is not under `### Differentiators`, so it is read as prose: add a `### Differentiators` heading above it"
	msgDrillNone       = "`### Drill` has no `Q:` card: add `Q: ...` with `A: ...` or a task list, or remove the heading"
	msgMarkerOrphan    = "`%s` is not under a `Result:`, `A:` or differentiator: move it there"
	msgQNoA            = "`Q:` has no `A:`: add an `A: ...` line, or a task list of options for a choice"
	msgANoQ            = "`A:` has no `Q:` before it: add a `Q: ...` line above it"
	msgEmptyQ          = "`Q:` is empty: write the question"
	msgEmptyA          = "`A:` is empty: write the model answer"
	msgChoiceNoCorrect = "choice %q has no correct option: mark one or more with `[x]`"
	msgChoiceFew       = "choice %q has fewer than two options: add options as `- [ ] ...`"
	msgOptionNoBox     = "option %q has no checkbox: write it as `- [ ] ...` or `- [x] ...`"
	msgOptionNested    = "option %q has a list nested under it: write every option at the left margin as `- [ ] ...`"
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
	msgUnknownKeyNear  = "unknown front matter key %q: did you mean %q? (keys are lower case: playbook, version, competitors, order, reference, glossary)"
	msgFMType          = "front matter: %s must be %s, such as `%s`"
	msgFMTab           = "front matter: a tab character: indent YAML with spaces, not tabs"
	msgFMUnclosed      = "front matter is not closed: add a `---` line after it"
	msgFMAlias         = "front matter: anchors and aliases (`&name`, `*name`, `<<`) are not read: write each value out"
	msgFMTooLong       = "front matter is longer than %d KB: it holds only playbook, version, competitors and order"
	msgFMTwice         = "%s is already set in %s: set it in one file only"
	msgNotMD           = "%s is not read: playdrill reads only the .md files of a folder; rename it to end in .md"
	msgAnyOfCount      = "key point %q asks for %d of %d items: the number must be from 1 to the number of items listed"
	msgGlossaryEmpty   = "glossary entry %q is empty: write the term, a colon and what it means, such as `EB: economic buyer`"
	msgGlossaryTwice   = "glossary entry %q is already defined at %s: give each term one entry"
	msgGlossaryLoop    = "glossary entry %q comes back to itself (%s): terms that mean the same belong in one entry"
	msgNoMarkdown      = "no .md files in folder %q"
	msgQNoCards        = "`Q:` under `### %s` makes no card: `Q:` cards are read under `### Drill` and `### Objections`, and a `Q:` line right above a table makes a card under any heading"
	msgClozeNoSpan     = "`Cloze:` has no **bold** words: put `**` around each word or phrase the rep must fill in"
	msgClozeUnclosed   = "`Cloze:` has a `**` that is not closed: put `**` after the words to blank"
	msgClozeOutside    = "`Cloze:` outside `### Drill` is read as prose and makes no card: move it under the step's `### Drill` heading"
	msgClozeKeyPoints  = "`%s` after `Cloze:` is not used: the **bold** words are what the rep must write"
	msgObjectionNone   = "`### %s` has no objection: add one `#### ...` heading (the prospect's words) per objection, with the response under it"
	msgObjectionNoA    = "objection %q has no response: write the response under it"
	msgTableColumns    = "a table under a `Q:` line needs at least two columns: what is classified, then its answer"
	msgTableEmptyCell  = "table row has an empty %s: fill it in"
	msgTableOneAnswer  = "the table under %q has only one answer in its second column: a classification needs at least two"
	msgNearCategory    = "category %q is nearly the same as %q: write them the same, or reps see both as options"
	msgUnknownRival    = "differentiator %q names %q, which is not among the front matter's competitors: add it to `competitors:` so `drill --competitor` finds it"
	msgFMIgnored       = "front matter keys playdrill does not read are ignored: %s"
	msgFMBool          = "front matter: %s must be true or false, such as `%s: true`"
	msgUnknownClass    = "`.%s` in the heading's braces is not read: the one playdrill reads is `.reference`"
	msgNotRegular      = "not read: it is %s, and a playbook file must be a regular file (or a link to one)"
	msgFileTooBig      = "not read: it is %s, more than the %d MB a playbook file may hold: split it into several files"
	msgPlaybookTooBig  = "not read: the playbook's files would be more than %d MB together: move some of them to another playbook"
	msgTODO            = "TODO left to fill in: %s"
	msgTODOMore        = "%d more lines with TODO are left to fill in (not listed)"
)

// messages lists the templates for the documentation test.
var messages = []string{
	msgNotText, msgInvalidUTF8, msgForbidden, msgTooDeep, msgNoProcess,
	msgEmphasisTooDeep, msgLongList, msgTooManyOptions, msgTooManyCards,
	msgProcessNoSteps, msgStepOutside, msgSectionOutside, msgNoResult,
	msgTwoResults, msgEmptyResult, msgNoDoneWhen, msgEmptyDoneWhen,
	msgMarkerOrphan, msgQOutsideDrill, msgMarkerInSection, msgLabelTypo,
	msgIndentedItem, msgUnderNonStep, msgSectionTypo, msgDiffOutside,
	msgDrillNone, msgQNoA, msgANoQ, msgEmptyQ, msgEmptyA,
	msgChoiceNoCorrect, msgChoiceFew, msgOptionNoBox, msgOptionNested, msgEmptyOption,
	msgEmptyKeyPoint, msgRulesColumns, msgRulesNoTable, msgRulesEmptyCell,
	msgRulesOneCat, msgDiffNoAnswer, msgDiffNone, msgDuplicateID, msgNoID,
	msgBadID, msgEmptyHeading, msgFrontMatter, msgUnknownKeyNear, msgFMType, msgFMTab, msgFMUnclosed,
	msgFMAlias, msgFMTooLong, msgFMTwice, msgNotMD, msgNoMarkdown,
	msgGlossaryEmpty, msgGlossaryTwice, msgGlossaryLoop, msgAnyOfCount,
	msgNotRegular, msgFileTooBig, msgPlaybookTooBig,
	msgQNoCards, msgClozeNoSpan, msgClozeUnclosed, msgClozeOutside, msgClozeKeyPoints,
	msgObjectionNone, msgObjectionNoA, msgTableColumns, msgTableEmptyCell, msgTableOneAnswer,
	msgNearCategory, msgUnknownRival, msgFMIgnored, msgFMBool, msgUnknownClass, msgTODO,
}
