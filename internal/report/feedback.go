package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// Formats of the feedback report.
const (
	FormatMarkdown = "markdown"
)

// FeedbackReport is reps' feedback grouped by card in playbook order, with
// feedback on cards no longer in the playbook kept apart.
type FeedbackReport struct {
	Playbook string
	Cards    []FeedbackCard
	Orphans  []FeedbackCard
}

// FeedbackCard is the feedback on one card.
type FeedbackCard struct {
	Process      string
	ProcessTitle string
	Step         string
	StepTitle    string
	Card         string
	Prompt       string
	InPlaybook   bool
	Notes        []FeedbackNote
}

// FeedbackNote is one rep's note.
type FeedbackNote struct {
	Rep     string
	At      time.Time
	Text    string
	Changed bool // the card was edited after the note was left
}

// BuildFeedback groups feedback by process, step and card in playbook
// order; notes on each card are in time order.
func BuildFeedback(book *playbook.Playbook, list []playbook.Feedback) *FeedbackReport {
	byCard := map[string][]playbook.Feedback{}
	for _, f := range list {
		byCard[f.Card] = append(byCard[f.Card], f)
	}
	r := &FeedbackReport{Playbook: book.Title}
	for _, proc := range book.Processes {
		for _, step := range proc.Steps {
			for _, card := range step.Cards {
				fs, ok := byCard[card.ID]
				if !ok {
					continue
				}
				delete(byCard, card.ID)
				fc := FeedbackCard{Process: proc.ID, ProcessTitle: proc.Title, Step: step.ID, StepTitle: step.Title,
					Card: card.ID, Prompt: card.Prompt, InPlaybook: true}
				for _, f := range fs {
					fc.Notes = append(fc.Notes, FeedbackNote{Rep: f.Rep, At: f.At, Text: f.Text, Changed: f.Hash != card.Hash})
				}
				r.Cards = append(r.Cards, fc)
			}
		}
	}
	for _, id := range sortedKeys(byCard) {
		fs := byCard[id]
		fc := FeedbackCard{Step: fs[0].Step, Card: id}
		for _, f := range fs {
			fc.Notes = append(fc.Notes, FeedbackNote{Rep: f.Rep, At: f.At, Text: f.Text})
		}
		r.Orphans = append(r.Orphans, fc)
	}
	for _, group := range [][]FeedbackCard{r.Cards, r.Orphans} {
		for _, c := range group {
			sort.SliceStable(c.Notes, func(i, j int) bool { return c.Notes[i].At.Before(c.Notes[j].At) })
		}
	}
	return r
}

// mdText makes untrusted text safe and inert in markdown on one line:
// control sequences removed, line breaks folded, markup characters escaped.
func mdText(s string) string {
	s = strings.Join(strings.Fields(safe.Text(s)), " ")
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|~", r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// WriteFeedbackMarkdown writes the feedback for authors to read.
func WriteFeedbackMarkdown(w io.Writer, r *FeedbackReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Feedback from reps: %s\n", mdText(r.Playbook))
	if len(r.Cards) == 0 && len(r.Orphans) == 0 {
		b.WriteString("\nNo feedback yet.\n")
	}
	lastProc, lastStep := "", ""
	for _, c := range r.Cards {
		if c.Process != lastProc {
			fmt.Fprintf(&b, "\n## %s\n", mdText(c.ProcessTitle))
			lastProc, lastStep = c.Process, ""
		}
		if c.Step != lastStep {
			fmt.Fprintf(&b, "\n### %s (`%s`)\n", mdText(c.StepTitle), codeText(c.Step))
			lastStep = c.Step
		}
		writeCardNotes(&b, c)
	}
	if len(r.Orphans) > 0 {
		b.WriteString("\n## Cards no longer in the playbook\n")
		for _, c := range r.Orphans {
			writeCardNotes(&b, c)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// codeText keeps an id readable inside a code span.
func codeText(s string) string { return strings.ReplaceAll(mdText(s), "`", "'") }

func writeCardNotes(b *strings.Builder, c FeedbackCard) {
	if c.Prompt != "" {
		fmt.Fprintf(b, "\n#### %s (`%s`)\n\n", mdText(c.Prompt), codeText(c.Card))
	} else {
		fmt.Fprintf(b, "\n#### `%s`\n\n", codeText(c.Card))
	}
	for _, n := range c.Notes {
		fmt.Fprintf(b, "- **%s**, %s: %s", mdText(n.Rep), n.At.UTC().Format("2006-01-02"), mdText(n.Text))
		if n.Changed {
			b.WriteString(" *(card changed since)*")
		}
		b.WriteString("\n")
	}
}

// FeedbackCSVHeader is the header of the CSV feedback report.
var FeedbackCSVHeader = []string{"process", "step", "card", "rep", "date", "card_changed", "in_playbook", "comment"}

// WriteFeedbackCSV writes one row per note.
func WriteFeedbackCSV(w io.Writer, r *FeedbackReport) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(FeedbackCSVHeader); err != nil {
		return err
	}
	for _, group := range [][]FeedbackCard{r.Cards, r.Orphans} {
		for _, c := range group {
			for _, n := range c.Notes {
				if err := cw.Write(safe.Row([]string{c.Process, c.Step, c.Card, n.Rep, n.At.UTC().Format("2006-01-02"),
					fmt.Sprint(n.Changed), fmt.Sprint(c.InPlaybook), n.Text})); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

type jsonFeedback struct {
	Process     string `json:"process"`
	Step        string `json:"step"`
	Card        string `json:"card"`
	Rep         string `json:"rep"`
	At          string `json:"at"`
	Comment     string `json:"comment"`
	CardChanged bool   `json:"card_changed"`
	InPlaybook  bool   `json:"in_playbook"`
}

// WriteFeedbackJSON writes {"feedback": [...]} in the report's order.
func WriteFeedbackJSON(w io.Writer, r *FeedbackReport) error {
	out := struct {
		Feedback []jsonFeedback `json:"feedback"`
	}{Feedback: []jsonFeedback{}}
	for _, group := range [][]FeedbackCard{r.Cards, r.Orphans} {
		for _, c := range group {
			for _, n := range c.Notes {
				out.Feedback = append(out.Feedback, jsonFeedback{Process: c.Process, Step: c.Step, Card: c.Card, Rep: n.Rep,
					At: timeText(n.At), Comment: n.Text, CardChanged: n.Changed, InPlaybook: c.InPlaybook})
			}
		}
	}
	enc := safe.NewJSONEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
