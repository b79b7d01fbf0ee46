package markdown

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// head is a valid process and step; what a case appends starts on line 10.
const head = "# P\n\n## S\n\nResult: r\n\nDone when:\n- d\n\n"

func diagStrings(ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func TestDiagnostics(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		root  string // default x.md
		want  []string
	}{
		{"clean", map[string]string{"x.md": head}, "", nil},
		{"cloze with no bold words", map[string]string{"x.md": head + "### Drill\n\nCloze: nothing is blanked here\n"}, "",
			[]string{"x.md:12:1: error: " + msgClozeNoSpan}},
		{"cloze with an unclosed span", map[string]string{"x.md": head + "### Drill\n\nCloze: only **sales-ready leads\n"}, "",
			[]string{"x.md:12:1: error: " + msgClozeUnclosed}},
		{"cloze with an empty span", map[string]string{"x.md": head + "### Drill\n\nCloze: only ** | ** leads\n"}, "",
			[]string{"x.md:12:1: error: " + fmt.Sprintf(msgEmptyKeyPoint, "Cloze:")}},
		{"cloze with key points", map[string]string{"x.md": head + "### Drill\n\nCloze: only **sales-ready leads**\nMust mention: leads\n"}, "",
			[]string{"x.md:13:1: error: " + fmt.Sprintf(msgClozeKeyPoints, "Must mention:")}},
		{"cloze outside drill", map[string]string{"x.md": head + "Cloze: only **sales-ready leads**\n\n### Notes\n\nCloze: **this** too\n"}, "",
			[]string{"x.md:10:1: warning: " + msgClozeOutside, "x.md:14:1: warning: " + msgClozeOutside}},
		{"objections misspelt", map[string]string{"x.md": head + "### Objection\n\nBe calm.\n"}, "",
			[]string{"x.md:10:1: warning: " + fmt.Sprintf(msgSectionTypo, "Objection", "Objections")}},
		{"a question table under rules of engagement is the section's table", map[string]string{"x.md": head + "### Rules of engagement\n\nQ: Which category?\n\n| Lead | Category |\n| --- | --- |\n| a | list |\n| b | inquiry |\n"}, "", nil},
		{"objections with no objection", map[string]string{"x.md": head + "### Objection handling\n\nBe calm.\n"}, "",
			[]string{"x.md:10:1: error: " + fmt.Sprintf(msgObjectionNone, "Objection handling")}},
		{"objection with no response", map[string]string{"x.md": head + "### Objections\n\n#### \"Too expensive.\"\n\nMust mention: value\n"}, "",
			[]string{"x.md:12:1: error: " + fmt.Sprintf(msgObjectionNoA, "Too expensive.")}},
		{"question table with one column", map[string]string{"x.md": head + "Q: Which?\n\n| Deal |\n| --- |\n| a |\n"}, "",
			[]string{"x.md:12:1: error: " + msgTableColumns}},
		{"question table with an empty cell and one answer", map[string]string{"x.md": head + "Q: Which stage?\n\n| Deal | Stage |\n| --- | --- |\n| a | won |\n|  | lost |\n| c | won |\n"}, "",
			[]string{"x.md:12:1: error: " + fmt.Sprintf(msgTableOneAnswer, "Which stage?"), "x.md:15:1: error: " + fmt.Sprintf(msgTableEmptyCell, "Deal")}},
		{"near-duplicate categories", map[string]string{"x.md": head + "### Rules of engagement\n\n| Situation | Category | Why |\n| --- | --- | --- |\n| a | sales ready lead | w |\n| b | sales-ready lead | w |\n| c | inquiry | w |\n| d | inquiries | w |\n| e | qualified | w |\n| f | unqualified | w |\n"}, "",
			[]string{"x.md:15:1: warning: " + fmt.Sprintf(msgNearCategory, "sales-ready lead", "sales ready lead")}},
		{"differentiator naming an unknown competitor", map[string]string{"x.md": "---\ncompetitors: [Acme]\n---\n" + head + "### Differentiators\n\n#### How are you different from Initech?\n\nWe onboard in days.\n\n#### How are you different from Acme?\n\nWe onboard in days.\n\n#### Why pick us over other tools?\n\nWe onboard in days.\n"}, "",
			[]string{"x.md:15:1: warning: " + fmt.Sprintf(msgUnknownRival, "How are you different from Initech?", "Initech")}},
		{"a misspelt reference class", map[string]string{"x.md": "# FAQ {.refrence}\n\n## S {#s .reference .wide}\n\nYes.\n"}, "",
			[]string{"x.md:1:1: warning: " + fmt.Sprintf(msgUnknownClass, "refrence"), "x.md:3:1: warning: " + fmt.Sprintf(msgUnknownClass, "wide")}},
		{"reference process needs no result", map[string]string{"x.md": "# FAQ {.reference}\n\n## Is it offline?\n\nYes.\n"}, "", nil},
		{"reference front matter must be true or false", map[string]string{"x.md": "---\nreference: sometimes\n---\n" + head}, "",
			[]string{"x.md:2:12: error: " + fmt.Sprintf(msgFMBool, "reference", "reference")}},
		{"step without result", map[string]string{"x.md": "# P\n## S\nDone when:\n- d\n"}, "",
			[]string{"x.md:2:1: error: " + fmt.Sprintf(msgNoResult, "s")}},
		{"step without done when", map[string]string{"x.md": "# P\n## S\nResult: r\n"}, "",
			[]string{"x.md:2:1: warning: " + fmt.Sprintf(msgNoDoneWhen, "s")}},
		{"done when with no list", map[string]string{"x.md": "# P\n## S\nResult: r\n\nDone when:\n\nprose\n"}, "",
			[]string{"x.md:5:1: error: " + msgEmptyDoneWhen}},
		{"two results", map[string]string{"x.md": head + "Result: again\n"}, "",
			[]string{"x.md:10:1: error: " + fmt.Sprintf(msgTwoResults, "s")}},
		{"empty result", map[string]string{"x.md": "# P\n## S\nResult:\n\nDone when:\n- d\n"}, "",
			[]string{"x.md:3:1: error: " + msgEmptyResult}},
		{"Q without A", map[string]string{"x.md": head + "### Drill\n\nQ: why?\n"}, "",
			[]string{"x.md:12:1: error: " + msgQNoA}},
		{"A without Q", map[string]string{"x.md": head + "### Drill\n\nA: because\n"}, "",
			[]string{"x.md:10:1: warning: " + msgDrillNone, "x.md:12:1: error: " + msgANoQ}},
		{"second A", map[string]string{"x.md": head + "### Drill\n\nQ: why?\nA: one\n\nA: two\n"}, "",
			[]string{"x.md:15:1: error: " + msgANoQ}},
		{"empty Q", map[string]string{"x.md": head + "### Drill\n\nQ:\nA: a\n"}, "",
			[]string{"x.md:12:1: error: " + msgEmptyQ, "x.md:12:1: error: " + fmt.Sprintf(msgNoID, "")}},
		{"empty A", map[string]string{"x.md": head + "### Drill\n\nQ: why?\nA:\n"}, "",
			[]string{"x.md:12:1: error: " + msgEmptyA}},
		{"choice with no correct option", map[string]string{"x.md": head + "### Drill\n\nQ: pick\n- [ ] a\n- [ ] b\n"}, "",
			[]string{"x.md:12:1: error: " + fmt.Sprintf(msgChoiceNoCorrect, "pick")}},
		{"choice with one option", map[string]string{"x.md": head + "### Drill\n\nQ: pick\n- [x] a\n"}, "",
			[]string{"x.md:12:1: error: " + fmt.Sprintf(msgChoiceFew, "pick")}},
		{"option without checkbox", map[string]string{"x.md": head + "### Drill\n\nQ: pick\n- [x] a\n- [ ] b\n- c\n"}, "",
			[]string{"x.md:15:1: error: " + fmt.Sprintf(msgOptionNoBox, "c")}},
		{"empty option", map[string]string{"x.md": head + "### Drill\n\nQ: pick\n- [x] a\n- [ ] b\n- [ ] \n"}, "",
			[]string{"x.md:15:1: error: " + msgEmptyOption}},
		{"empty key point", map[string]string{"x.md": head + "### Drill\n\nQ: q?\nA: a\nMust mention: x;;y\n"}, "",
			[]string{"x.md:14:1: error: " + fmt.Sprintf(msgEmptyKeyPoint, "Must mention:")}},
		{"empty alternate", map[string]string{"x.md": "# P\n## S\nResult: r\nMust mention: a | \n\nDone when:\n- d\n"}, "",
			[]string{"x.md:4:1: error: " + fmt.Sprintf(msgEmptyKeyPoint, "Must mention:")}},
		{"empty never say", map[string]string{"x.md": "# P\n## S\nResult: r\nNever say:\n\nDone when:\n- d\n"}, "",
			[]string{"x.md:4:1: error: " + fmt.Sprintf(msgEmptyKeyPoint, "Never say:")}},
		{"key points with nothing to attach to", map[string]string{"x.md": head + "Must mention: x\n"}, "",
			[]string{"x.md:10:1: error: " + fmt.Sprintf(msgMarkerOrphan, "Must mention:")}},
		{"rules table with wrong columns", map[string]string{"x.md": head + "### Rules of engagement\n\n| Situation | Category |\n| --- | --- |\n| a | b |\n"}, "",
			[]string{"x.md:12:1: error: " + fmt.Sprintf(msgRulesColumns, "Situation | Category")}},
		{"rules with no table", map[string]string{"x.md": head + "### Rules of engagement\n\nnone yet\n"}, "",
			[]string{"x.md:10:1: error: " + msgRulesNoTable}},
		{"rules with one category", map[string]string{"x.md": head + "### Rules of engagement\n\n| Situation | Category | Why |\n| --- | --- | --- |\n| a | list | w |\n| b | list | w |\n"}, "",
			[]string{"x.md:12:1: error: " + msgRulesOneCat}},
		{"rules row with empty category", map[string]string{"x.md": head + "### Rules of engagement\n\n| Situation | Category | Why |\n| --- | --- | --- |\n| a | list | w |\n| b |  | w |\n| c | lead | w |\n"}, "",
			[]string{"x.md:15:1: error: " + fmt.Sprintf(msgRulesEmptyCell, "category")}},
		{"differentiator without answer", map[string]string{"x.md": head + "### Differentiators\n\n#### Why you?\n\nMust mention: x\n"}, "",
			[]string{"x.md:12:1: error: " + fmt.Sprintf(msgDiffNoAnswer, "Why you?")}},
		{"differentiators without questions", map[string]string{"x.md": head + "### Differentiators\n\nsoon\n"}, "",
			[]string{"x.md:10:1: error: " + msgDiffNone}},
		{"duplicate step id across a folder", map[string]string{
			"pb/a.md": "# A\n\n## S {#s}\nResult: r\n\nDone when:\n- d\n",
			"pb/b.md": "# B\n\n## Other {#s}\nResult: r\n\nDone when:\n- d\n"}, "pb",
			[]string{"pb/b.md:3:1: error: " + fmt.Sprintf(msgDuplicateID, "s", "a.md:3:1")}},
		{"duplicate card id", map[string]string{"x.md": head + "### Drill\n\nQ: Is it one two three four five?\nA: a\n\nQ: Is it one two three four six?\nA: b\n"}, "",
			[]string{"x.md:15:1: error: " + fmt.Sprintf(msgDuplicateID, "s/is-it-one-two-three-four", "x.md:12:1")}},
		{"step outside a process", map[string]string{"x.md": "## S\nResult: r\n\nDone when:\n- d\n"}, "",
			[]string{"x.md:1:1: error: " + fmt.Sprintf(msgStepOutside, "s"), "x.md:1:1: error: " + msgNoProcess}},
		{"card outside a step", map[string]string{"x.md": "# P\n\nQ: x?\nA: y\n"}, "",
			[]string{"x.md:1:1: warning: " + fmt.Sprintf(msgProcessNoSteps, "p"), "x.md:3:1: error: " + fmt.Sprintf(msgSectionOutside, "Q:"), "x.md:4:1: error: " + fmt.Sprintf(msgSectionOutside, "A:")}},
		{"drill outside a step", map[string]string{"x.md": "# P\n\n### Drill\n"}, "",
			[]string{"x.md:1:1: warning: " + fmt.Sprintf(msgProcessNoSteps, "p"), "x.md:3:1: error: " + fmt.Sprintf(msgSectionOutside, "### Drill")}},
		{"no process at all", map[string]string{"x.md": "just some notes\n"}, "",
			[]string{"x.md:1:1: error: " + msgNoProcess}},
		{"website front matter keys are ignored with one warning", map[string]string{"x.md": "---\nplaybook: X\ntitle: Sales\nsidebar:\n  nav: main\ndescription: How we sell\n---\n" + head}, "",
			[]string{"x.md:3:1: warning: " + fmt.Sprintf(msgFMIgnored, "title, sidebar, description")}},
		{"a misspelt glossary is an error, not a key ignored", map[string]string{"x.md": "---\nglosary:\n  EB: economic buyer\n---\n" + head}, "",
			[]string{"x.md:2:1: error: " + fmt.Sprintf(msgUnknownKeyNear, "glosary", "glossary")}},
		{"a misspelt key stays an error beside ignored ones", map[string]string{"x.md": "---\nverison: 2\ntitle: Sales\n---\n" + head}, "",
			[]string{"x.md:2:1: error: " + fmt.Sprintf(msgUnknownKeyNear, "verison", "version"), "x.md:3:1: warning: " + fmt.Sprintf(msgFMIgnored, "title")}},
		{"front matter type error", map[string]string{"x.md": "---\nplaybook: X\norder: soon\n---\n" + head}, "",
			nil}, // checked below for its line only
		{"front matter not closed", map[string]string{"x.md": "---\nplaybook: X\n"}, "",
			[]string{"x.md:1:1: error: " + msgFMUnclosed, "x.md:1:1: error: " + msgNoProcess}},
		{"front matter too long", map[string]string{"x.md": "---\n# " + strings.Repeat("x", maxFrontMatter+1) + "\n---\n" + head}, "",
			[]string{"x.md:2:1: error: " + fmt.Sprintf(msgFMTooLong, maxFrontMatter/1024)}},
		{"title set in two files", map[string]string{
			"pb/a.md": "---\nplaybook: A\n---\n" + head,
			"pb/b.md": "---\norder: 2\nplaybook: B\n---\n# Q\n\n## T\nResult: r\n\nDone when:\n- d\n"}, "pb",
			[]string{"pb/b.md:3:1: error: " + fmt.Sprintf(msgFMTwice, "playbook", "pb/a.md")}},
		{"invalid UTF-8", map[string]string{"x.md": head + "caf\xe9 prose\n"}, "",
			[]string{"x.md:10:4: error: " + fmt.Sprintf(msgInvalidUTF8, 0xe9)}},
		{"binary file", map[string]string{"x.md": "PK\x03\x04\x00\x00junk"}, "",
			[]string{"x.md:1:1: error: " + msgNoProcess, "x.md:1:5: error: " + msgNotText}},
		{"blockquotes nested 17 deep", map[string]string{"x.md": head + strings.Repeat(">", 17) + " x\n"}, "",
			[]string{"x.md:10:17: error: " + fmt.Sprintf(msgTooDeep, 17, 16)}},
		{"lists nested 17 deep", map[string]string{"x.md": head + func() string {
			var b strings.Builder
			for i := range 17 {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return b.String()
		}()}, "",
			[]string{"x.md:26:33: error: " + fmt.Sprintf(msgTooDeep, 17, 16)}},
		{"line prefix nested 40 deep is not parsed", map[string]string{"x.md": head + strings.Repeat("> - ", 20) + "x\n"}, "",
			[]string{"x.md:1:1: error: " + msgNoProcess, "x.md:10:1: error: " + fmt.Sprintf(msgTooDeep, 40, 16)}},
		{"raw OSC 52", map[string]string{"x.md": head + "Text \x1b]52;c;eA==\x07 end\n"}, "",
			[]string{"x.md:10:6: warning: " + fmt.Sprintf(msgForbidden, "escape sequence (OSC 52)")}},
		{"OSC 52 as character references", map[string]string{"x.md": head + "Text &#x1b;]52;c;eA==&#7; end\n"}, "",
			[]string{"x.md:10:6: warning: " + fmt.Sprintf(msgForbidden, "escape sequence (OSC 52) spelled as a character reference")}},
		{"bidi override in a title", map[string]string{"x.md": "# P\n\n## S\u202e\n\nResult: r\n\nDone when:\n- d\n"}, "",
			[]string{"x.md:3:5: warning: " + fmt.Sprintf(msgForbidden, "bidi control U+202E")}},
		{"bad explicit id", map[string]string{"x.md": head + "### Drill\n\nQ: why? {#a/b}\nA: a\n"}, "",
			[]string{"x.md:12:1: error: " + fmt.Sprintf(msgBadID, "a/b")}},
		{"title with no letters", map[string]string{"x.md": "# P\n\n## !!!\nResult: r\n\nDone when:\n- d\n"}, "",
			[]string{"x.md:3:1: error: " + fmt.Sprintf(msgNoID, "!!!")}},
		{"empty heading", map[string]string{"x.md": head + "### \n"}, "",
			[]string{"x.md:10:1: error: " + msgEmptyHeading}},
		{"Q right under the step", map[string]string{"x.md": head + "Q: why?\nA: because\n"}, "",
			[]string{"x.md:10:1: warning: " + msgQOutsideDrill}},
		{"Q under differentiators", map[string]string{"x.md": head + "### Differentiators\n\n#### Why you?\n\nWe are.\n\nQ: why?\n"}, "",
			[]string{"x.md:16:1: warning: " + msgQOutsideDrill}},
		{"Q in another section is prose, named once", map[string]string{"x.md": head + "### Questions prospects ask\n\nQ: why?\nA: because\nMust mention: cause\n"}, "",
			[]string{"x.md:12:1: warning: " + fmt.Sprintf(msgQNoCards, "Questions prospects ask")}},
		{"result under drill", map[string]string{"x.md": head + "### Drill\n\nQ: why?\nA: because\n\nResult: x\nDone when: y\n"}, "",
			[]string{"x.md:15:1: warning: " + fmt.Sprintf(msgMarkerInSection, "Result:", "### Drill"), "x.md:16:1: warning: " + fmt.Sprintf(msgMarkerInSection, "Done when:", "### Drill")}},
		{"drill with no card", map[string]string{"x.md": head + "### Drill\n\nsoon\n"}, "",
			[]string{"x.md:10:1: warning: " + msgDrillNone}},
		{"result with a space before its colon", map[string]string{"x.md": "# P\n## S\nResult : r\n\nDone when:\n- d\n"}, "",
			[]string{"x.md:2:1: error: " + fmt.Sprintf(msgNoResult, "s"), "x.md:3:1: warning: " + fmt.Sprintf(msgLabelTypo, "Result :", "Result:")}},
		{"misspelled key point labels", map[string]string{"x.md": "# P\n## S\nResult: r\nMust-mention: a\nMust mentions: b\n**Never say:** c\n\nDone when:\n- d\n"}, "",
			[]string{"x.md:4:1: warning: " + fmt.Sprintf(msgLabelTypo, "Must-mention:", "Must mention:"), "x.md:5:1: warning: " + fmt.Sprintf(msgLabelTypo, "Must mentions:", "Must mention:"), "x.md:6:1: warning: " + fmt.Sprintf(msgLabelTypo, "**Never say:**", "Never say:")}},
		{"done when without its colon", map[string]string{"x.md": "# P\n## S\nResult: r\n\nDone when\n- d\n"}, "",
			[]string{"x.md:2:1: warning: " + fmt.Sprintf(msgNoDoneWhen, "s"), "x.md:5:1: warning: " + fmt.Sprintf(msgLabelTypo, "Done when", "Done when:")}},
		{"question and answer spelled out", map[string]string{"x.md": head + "### Drill\n\nQ: ok?\nA: yes\n\nQuestion: why?\nAnswer: because\n\nA) one thing: and another\n"}, "",
			[]string{"x.md:15:1: warning: " + fmt.Sprintf(msgLabelTypo, "Question:", "Q:"), "x.md:16:1: warning: " + fmt.Sprintf(msgLabelTypo, "Answer:", "A:")}},
		{"prose that only starts like a label", map[string]string{"x.md": "# P\n## S\nResult: r\n\nResults vary: most reps close in a month.\nNever say die.\n\nDone when:\n- d\n"}, "",
			nil},
		{"done when list indented by a tab", map[string]string{"x.md": "# P\n## S\nResult: r\n\nDone when:\n\t- d\n    - e\n"}, "",
			[]string{"x.md:6:2: warning: " + msgIndentedItem, "x.md:7:5: warning: " + msgIndentedItem}},
		{"done when list indented after a blank line", map[string]string{"x.md": "# P\n## S\nResult: r\n\nDone when:\n\n\t- d\n"}, "",
			[]string{"x.md:5:1: error: " + msgEmptyDoneWhen, "x.md:7:2: warning: " + msgIndentedItem}},
		{"option nested under another", map[string]string{"x.md": head + "### Drill\n\nQ: pick\n- [x] a\n\t- [ ] b\n"}, "",
			[]string{"x.md:12:1: error: " + fmt.Sprintf(msgChoiceFew, "pick"), "x.md:13:1: error: " + fmt.Sprintf(msgOptionNested, "a")}},
		{"misspelled sections", map[string]string{"x.md": head + "### Drills\n\n### Rules of engagment\n\n### Differentiator\n\n### Skill\n"}, "",
			[]string{"x.md:10:1: warning: " + fmt.Sprintf(msgSectionTypo, "Drills", "Drill"), "x.md:12:1: warning: " + fmt.Sprintf(msgSectionTypo, "Rules of engagment", "Rules of engagement"), "x.md:14:1: warning: " + fmt.Sprintf(msgSectionTypo, "Differentiator", "Differentiators")}},
		{"step one level too deep", map[string]string{"x.md": "# P\n\n### S\n\nResult: r\n"}, "",
			[]string{"x.md:1:1: warning: " + fmt.Sprintf(msgProcessNoSteps, "p"), "x.md:5:1: error: " + fmt.Sprintf(msgUnderNonStep, "Result:", "### S", "S")}},
		{"differentiator question without its section", map[string]string{"x.md": head + "#### How are you different from X?\n\nWe are.\n\n#### Notes\n"}, "",
			[]string{"x.md:10:1: warning: " + fmt.Sprintf(msgDiffOutside, "How are you different from X?")}},
		{"misspelled front matter keys", map[string]string{"x.md": "---\nPlaybook: X\ncompetitor: [A]\n---\n" + head}, "",
			[]string{"x.md:2:1: error: " + fmt.Sprintf(msgUnknownKeyNear, "Playbook", "playbook"), "x.md:3:1: error: " + fmt.Sprintf(msgUnknownKeyNear, "competitor", "competitors")}},
		{"competitors not a list", map[string]string{"x.md": "---\ncompetitors: A, B\n---\n" + head}, "",
			[]string{"x.md:2:14: error: " + fmt.Sprintf(msgFMType, "competitors", "a list", "competitors: [Company X, Company Y]")}},
		{"order not a whole number", map[string]string{"x.md": "---\norder: 1.5\n---\n" + head}, "",
			[]string{"x.md:2:8: error: " + fmt.Sprintf(msgFMType, "order", "a whole number", "order: 2")}},
		{"tab in front matter", map[string]string{"x.md": "---\nplaybook: X\n\tversion: 1\n---\n" + head}, "",
			[]string{"x.md:3:1: error: " + msgFMTab}},
		{"a .markdown file in a folder", map[string]string{"pb/a.md": head, "pb/b.markdown": head, "pb/logo.png": "x"}, "pb",
			[]string{"pb/b.markdown:1:1: warning: " + fmt.Sprintf(msgNotMD, "b.markdown")}},
		{"empty folder", map[string]string{"pb/notes.txt": "x"}, "pb",
			[]string{"pb:1:1: error: " + fmt.Sprintf(msgNoMarkdown, "pb")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range c.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			root := c.root
			if root == "" {
				root = "x.md"
			}
			_, diags, err := Load(fsys, root)
			if err != nil {
				t.Fatal(err)
			}
			got := diagStrings(diags)
			if c.name == "front matter type error" {
				if len(got) != 1 || !strings.HasPrefix(got[0], "x.md:3:") || !strings.Contains(got[0], "error: front matter:") {
					t.Errorf("got %q, want one front matter error on line 3", got)
				}
				return
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("diagnostics:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(c.want, "\n     "))
			}
		})
	}
}

// TestEveryMessageIsDocumented keeps docs/playbook-format.md in step with
// the messages lint can emit.
func TestEveryMessageIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/playbook-format.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range messages {
		if !strings.Contains(string(doc), m) {
			t.Errorf("docs/playbook-format.md lacks %q", m)
		}
	}
}

// A version is text as written: YAML alone would read 2026.10 as the
// number 2026.1, and a playbook's October release as its January one.
func TestVersionKeptAsWritten(t *testing.T) {
	for _, v := range []string{"2026.10", "1.0", "3", `"2026.11"`} {
		fsys := fstest.MapFS{"x.md": &fstest.MapFile{Data: []byte("---\nversion: " + v + "\n---\n" + head)}}
		book, diags, err := Load(fsys, "x.md")
		if err != nil || len(diags) > 0 {
			t.Fatalf("version %s: %v %v", v, err, diagStrings(diags))
		}
		if want := strings.Trim(v, `"`); book.Version != want {
			t.Errorf("version %s: got %q, want %q", v, book.Version, want)
		}
	}
}
