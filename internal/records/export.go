// Package records moves a rep's records between machines: exports of
// every attempt and completion (JSON lines, CSV) and imports that merge
// other machines' exports.
package records

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
)

// Line types of a JSON-lines export.
const (
	TypeAttempt    = "attempt"
	TypeCompletion = "completion"
)

// AttemptLine is one attempt in a JSON-lines export (the contract's
// fields plus process, playbook version, duration and the line type).
type AttemptLine struct {
	Type            string  `json:"type"`
	ID              string  `json:"id"`
	Rep             string  `json:"rep"`
	Card            string  `json:"card"`
	Step            string  `json:"step"`
	Process         string  `json:"process"`
	Kind            string  `json:"kind"`
	At              string  `json:"at"`
	Response        string  `json:"response"`
	Score           float64 `json:"score"`
	Suggested       int     `json:"suggested"`
	Rating          int     `json:"rating"`
	Cram            bool    `json:"cram"`
	Hash            string  `json:"hash"`
	PlaybookVersion string  `json:"playbook_version"`
	DurationMS      int64   `json:"duration_ms"`
	// Facts keep the attempt's xAPI statements as they were made.
	Facts *FactsLine `json:"facts,omitempty"`
}

// FactsLine is the JSON form of playbook.Facts.
type FactsLine struct {
	Prompt  string   `json:"prompt"`
	Options []string `json:"options,omitempty"`
	Correct []int    `json:"correct,omitempty"`
	Items   []string `json:"items,omitempty"`
	Passed  bool     `json:"passed"`
	// Text is absent from attempts recorded before it was kept, and from
	// a rep's later attempts at the same content.
	Text *TextLine `json:"text,omitempty"`
}

// TextLine is the JSON form of playbook.CardText.
type TextLine struct {
	Answer   string   `json:"answer,omitempty"`
	Points   []string `json:"points,omitempty"`
	NeverSay []string `json:"never_say,omitempty"`
	Why      string   `json:"why,omitempty"`
}

// CompletionLine is one step completion in a JSON-lines export. Import
// reads it but rebuilds completions from the attempts.
type CompletionLine struct {
	Type            string `json:"type"`
	ID              string `json:"id"`
	Rep             string `json:"rep"`
	Step            string `json:"step"`
	Process         string `json:"process"`
	PlaybookVersion string `json:"playbook_version"`
	At              string `json:"at"`
}

// exportTime keeps full precision so a re-import orders attempts exactly.
func exportTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// NewAttemptLine converts an attempt for export.
func NewAttemptLine(a playbook.Attempt) AttemptLine {
	return AttemptLine{Type: TypeAttempt, ID: a.ID, Rep: a.Rep, Card: a.Card, Step: a.Step, Process: a.Process,
		Kind: string(a.Kind), At: exportTime(a.At), Response: a.Response, Score: a.Score,
		Suggested: int(a.Suggested), Rating: int(a.Rating), Cram: a.Cram, Hash: a.Hash,
		PlaybookVersion: a.PlaybookVersion, DurationMS: a.Duration.Milliseconds(), Facts: factsLine(a.Facts)}
}

func factsLine(f *playbook.Facts) *FactsLine {
	if f == nil {
		return nil
	}
	l := &FactsLine{Prompt: f.Prompt, Options: f.Options, Correct: f.Correct, Items: f.Items, Passed: f.Passed}
	if t := f.Text; t != nil {
		l.Text = &TextLine{Answer: t.Answer, Points: t.Points, NeverSay: t.NeverSay, Why: t.Why}
	}
	return l
}

// completionNS is the namespace of completions' deterministic ids.
var completionNS = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://playdrill.invalid/completions"))

// CompletionID is a stable id for a completion: the same completion
// exported twice gets the same id.
func CompletionID(c playbook.Completion) string {
	return uuid.NewSHA1(completionNS, []byte(c.Rep+"\x00"+c.Step+"\x00"+c.PlaybookVersion+"\x00"+exportTime(c.At))).String()
}

// NewCompletionLine converts a completion for export.
func NewCompletionLine(c playbook.Completion) CompletionLine {
	return CompletionLine{Type: TypeCompletion, ID: CompletionID(c), Rep: c.Rep, Step: c.Step, Process: c.Process,
		PlaybookVersion: c.PlaybookVersion, At: exportTime(c.At)}
}

// EachCompletion calls fn for every completion of every rep.
func EachCompletion(store playbook.Store, fn func(playbook.Completion) error) error {
	reps, err := store.Reps()
	if err != nil {
		return err
	}
	for _, rep := range reps {
		cs, err := store.Completions(rep)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.Rep == "" {
				c.Rep = rep
			}
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// ExportJSONL writes every attempt, one JSON object a line, then every
// completion, feedback, dispute and review. It streams: attempts are
// written as the store yields them.
func ExportJSONL(w io.Writer, store playbook.Store) (n Counts, err error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := safe.NewJSONEncoder(bw)
	enc.SetEscapeHTML(false)
	var line []byte
	err = store.Attempts("", func(a playbook.Attempt) error {
		n.Attempts++
		line = appendAttemptLine(line[:0], a)
		_, err := bw.Write(line)
		return err
	})
	if err != nil {
		return n, err
	}
	err = EachCompletion(store, func(c playbook.Completion) error {
		n.Completions++
		return enc.Encode(NewCompletionLine(c))
	})
	if err != nil {
		return n, err
	}
	if err := eachNote(store, &n, func(v any) error { return enc.Encode(v) }); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// ExportCSVHeader is the header of a CSV export.
var ExportCSVHeader = []string{"type", "id", "rep", "card", "step", "process", "kind", "at", "response", "score",
	"suggested", "rating", "cram", "hash", "playbook_version", "duration_ms", "ref", "detail"}

// ExportCSV writes every attempt and then every completion as CSV rows
// with a header; completion rows leave the attempt-only columns empty.
func ExportCSV(w io.Writer, store playbook.Store) (n Counts, err error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	if err := cw.Write(ExportCSVHeader); err != nil {
		return n, err
	}
	err = store.Attempts("", func(a playbook.Attempt) error {
		n.Attempts++
		l := NewAttemptLine(a)
		return cw.Write(safe.Row([]string{l.Type, l.ID, l.Rep, l.Card, l.Step, l.Process, l.Kind, l.At, l.Response,
			strconv.FormatFloat(l.Score, 'f', -1, 64), strconv.Itoa(l.Suggested), strconv.Itoa(l.Rating),
			strconv.FormatBool(l.Cram), l.Hash, l.PlaybookVersion, strconv.FormatInt(l.DurationMS, 10), "", ""}))
	})
	if err != nil {
		return n, err
	}
	err = EachCompletion(store, func(c playbook.Completion) error {
		n.Completions++
		l := NewCompletionLine(c)
		return cw.Write(safe.Row([]string{l.Type, l.ID, l.Rep, "", l.Step, l.Process, "", l.At, "", "", "", "", "", "", l.PlaybookVersion, "", "", ""}))
	})
	if err != nil {
		return n, err
	}
	if err := eachNote(store, &n, func(v any) error { return cw.Write(safe.Row(csvRow(v))) }); err != nil {
		return n, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}
