package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

// lintProblem is one diagnostic in `lint --format json`.
type lintProblem struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// lintStats counts what the linted playbooks hold.
type lintStats struct {
	Processes int `json:"processes"`
	Steps     int `json:"steps"`
	Cards     int `json:"cards"`
}

type lintReport struct {
	Problems []lintProblem `json:"problems"`
	// Unreadable lists the paths that could not be read at all.
	Unreadable []unreadablePath `json:"unreadable,omitempty"`
	// NotYetPlaybooks lists the paths that are pages still to be turned
	// into a playbook: `playdrill draft` does it.
	NotYetPlaybooks []string  `json:"not_yet_playbooks,omitempty"`
	Stats           lintStats `json:"stats"`
}

// unreadablePath is a PATH lint could not read, and why.
type unreadablePath struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (a *app) lintCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "lint [PATH ...]",
		Short: "Check playbook markdown and report every problem",
		Long: "lint checks each playbook PATH (a .md file or a folder of them), or with no PATH\n" +
			"the playbook from --playbook, PLAYDRILL_PLAYBOOK or the shipped one, and prints\n" +
			"every problem as FILE:LINE:COL: error|warning: message.\n\n" +
			"Exit status: 0 when there is no error (warnings allowed), 1 when there are\n" +
			"errors or a PATH cannot be read, 2 on a usage error.",
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageErrorf("--format %q: want text or json", format)
			}
			return a.lint(args, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output FORMAT: text or json")
	return cmd
}

func (a *app) lint(paths []string, format string) error {
	report := lintReport{Problems: []lintProblem{}}
	failed := false
	add := func(book *playbook.Playbook, diags []markdown.Diagnostic, prefix, path string) {
		if path != "" && markdown.HasErrors(diags) && notYetPlaybook(book) {
			report.NotYetPlaybooks = append(report.NotYetPlaybooks, safe.Text(path))
		}
		diags = append(diags, modelAnswerDiagnostics(book)...)
		for _, d := range diags {
			file := d.Pos.File
			if prefix != "" {
				file = filepath.Join(prefix, file)
			}
			report.Problems = append(report.Problems, lintProblem{
				File: safe.Text(file), Line: d.Pos.Line, Col: d.Pos.Col,
				Severity: string(d.Severity), Message: safe.Text(d.Message),
			})
			if d.Severity == markdown.SevError {
				failed = true
			}
		}
		if book != nil {
			report.Stats.Processes += len(book.Processes)
			report.Stats.Steps += len(book.Steps())
			report.Stats.Cards += len(book.Cards())
		}
	}
	if len(paths) == 0 {
		book, diags, err := a.loadPlaybook()
		if err != nil {
			return err
		}
		prefix := ""
		if src := a.playbookSource(); src != "" {
			prefix = filepath.Dir(filepath.Clean(src))
		}
		add(book, diags, prefix, a.playbookSource())
	}
	for _, p := range paths {
		book, diags, err := loadPath(p)
		if err != nil {
			// A path that cannot be read fails the run, but the others
			// are still checked.
			fmt.Fprintf(a.Stderr, "playdrill: %s\n", safe.Text(err.Error()))
			report.Unreadable = append(report.Unreadable, unreadablePath{Path: safe.Text(p), Message: safe.Text(err.Error())})
			failed = true
			continue
		}
		add(book, diags, filepath.Dir(filepath.Clean(p)), p)
	}
	if err := a.printLint(report, format); err != nil {
		return err
	}
	if failed {
		return silentExit(exitFailure)
	}
	return nil
}

func (a *app) printLint(r lintReport, format string) error {
	if format == "json" {
		enc := safe.NewJSONEncoder(a.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	errs, warns := 0, 0
	for _, p := range r.Problems {
		fmt.Fprintf(a.Stdout, "%s:%d:%d: %s: %s\n", p.File, p.Line, p.Col, p.Severity, p.Message)
		if p.Severity == string(markdown.SevError) {
			errs++
		} else {
			warns++
		}
	}
	unread := ""
	if n := len(r.Unreadable); n > 0 {
		unread = words.Count(n, "unreadable path") + ", "
	}
	fmt.Fprintf(a.Stderr, "%s%s, %s; %s, %s, %s\n", unread, words.Count(errs, "error"), words.Count(warns, "warning"),
		words.Count(r.Stats.Processes, "process"), words.Count(r.Stats.Steps, "step"), words.Count(r.Stats.Cards, "card"))
	for _, p := range r.NotYetPlaybooks {
		fmt.Fprintf(a.Stderr, "%s is not yet a playbook: `playdrill draft %s -o DIR` turns it into a draft to finish\n", p, shellWord(p))
	}
	return nil
}

// notYetPlaybook reports whether a playbook is still a page written for
// people: no step has a result, no process is a reference, and there is no
// card but ordering ones.
func notYetPlaybook(book *playbook.Playbook) bool {
	if book == nil {
		return true
	}
	for _, p := range book.Processes {
		if p.Reference {
			return false
		}
		for _, s := range p.Steps {
			if s.Result != "" {
				return false
			}
		}
	}
	for _, c := range book.Cards() {
		if c.Kind != playbook.KindOrder {
			return false
		}
	}
	return true
}

// shellWord quotes a path for a command line when it needs it.
func shellWord(p string) string {
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._/-+,", r)) {
			return "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
		}
	}
	return p
}

// Lint messages about a card's model answer graded against the card.
const (
	msgModelFails    = "the model answer scores %s against its own key points (pass mark %s): it misses %s; reword the points or the answer so a rep typing the answer passes"
	msgModelNeverSay = "the model answer says never-say %s: a rep typing it would be flagged; reword the answer or the phrase"
	msgModelMisses   = "the model answer passes but misses %s: a rep typing it would not score 100%%"
	msgGlossaryClash = "glossary entry %q makes %q and %q of card %s mean the same, so the grade cannot tell them apart: remove the entry or reword the card"
)

// modelAnswerDiagnostics checks what grading makes of the playbook: a
// glossary entry that makes two of a card's points (or a point and a
// never-say phrase) the same is an error at the entry's line; every typed
// card's model answer is graded against the card, and an answer under the
// pass mark or saying a never-say phrase is an error at the card's line,
// one that passes but misses a point a warning.
func modelAnswerDiagnostics(book *playbook.Playbook) []markdown.Diagnostic {
	if book == nil {
		return nil
	}
	var out []markdown.Diagnostic
	for _, g := range grade.CheckGlossary(book.Cards()) {
		out = append(out, markdown.Diagnostic{Pos: g.Entry.Pos, Severity: markdown.SevError,
			Message: fmt.Sprintf(msgGlossaryClash, g.Entry.Term, g.A, g.B, g.Card.ID)})
	}
	for _, m := range grade.CheckModelAnswers(book.Cards(), grade.Options{}) {
		at := func(sev markdown.Severity, format string, args ...any) {
			out = append(out, markdown.Diagnostic{Pos: m.Card.Pos, Severity: sev, Message: fmt.Sprintf(format, args...)})
		}
		switch {
		case !m.Result.Passed && len(m.Missed) > 0:
			at(markdown.SevError, msgModelFails, percent(m.Result.Score), percent(grade.DefaultPassMark), quoteList(m.Missed))
		case len(m.Missed) > 0:
			at(markdown.SevWarning, msgModelMisses, quoteList(m.Missed))
		}
		if len(m.Result.NeverSaid) > 0 {
			at(markdown.SevError, msgModelNeverSay, quoteStrings(m.Result.NeverSaid))
		}
	}
	return out
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// quoteList names key points as the playbook writes them, quoted.
func quoteList(points []playbook.KeyPoint) string {
	s := make([]string, len(points))
	for i, p := range points {
		s[i] = p.String()
	}
	return quoteStrings(s)
}

func quoteStrings(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
