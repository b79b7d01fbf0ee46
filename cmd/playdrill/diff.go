package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/boltdb"
	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/markdown"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

func (a *app) diffCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what an edit of the playbook does to reps' progress",
		Long: "diff compares two versions of a playbook (each a .md file or a folder of them) card by\n" +
			"card, by the rules playdrill applies when it first opens the edited playbook: cards\n" +
			"added, removed (their progress dropped), renamed (a reworded question or table row,\n" +
			"a moved card: progress carries over), changed (reps who passed them drill them\n" +
			"again) and minor edits (typos, reordered options, added alternates: progress kept).\n" +
			"With a progress database (--db), each line says how many reps it touches.\n" +
			"Run it before committing an edit. Exit status 1 when either version cannot be read\n" +
			"or has lint errors.",
		Args: cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageErrorf("--format %q: want text or json", format)
			}
			return a.diff(args[0], args[1], format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output FORMAT: text or json")
	return cmd
}

// loadVersion loads one side of a diff, failing on lint errors (printed).
func (a *app) loadVersion(path string) (*playbook.Playbook, error) {
	book, diags, err := loadPath(path)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, d := range diags {
		if d.Severity == markdown.SevError {
			fmt.Fprintln(a.Stderr, safe.Text(d.String()))
			n++
		}
	}
	if n > 0 || book == nil {
		return nil, fmt.Errorf("%s has %s; fix them (playdrill lint %s) before comparing", safe.Text(path), words.Count(n, "lint error"), safe.Text(path))
	}
	return book, nil
}

// diffLine is one card in `diff --format json`.
type diffLine struct {
	Change     string   `json:"change"`
	Card       string   `json:"card"`
	From       string   `json:"from,omitempty"`
	Kind       string   `json:"kind"`
	Step       string   `json:"step"`
	Similarity *float64 `json:"similarity,omitempty"`
	Why        string   `json:"why,omitempty"`
	Redrill    bool     `json:"redrill"`
	Reps       *int     `json:"reps,omitempty"`
}

func (a *app) diff(oldPath, newPath, format string) error {
	old, err := a.loadVersion(oldPath)
	if err != nil {
		return err
	}
	nb, err := a.loadVersion(newPath)
	if err != nil {
		return err
	}
	changes := drill.Diff(old, nb)
	reps, counts, err := a.diffReps(old, changes)
	if err != nil {
		return err
	}
	lines := make([]diffLine, len(changes))
	for i, ch := range changes {
		c := ch.New
		if c == nil {
			c = ch.Old
		}
		l := diffLine{Change: string(ch.Change), Card: c.ID, Kind: string(c.Kind), Step: c.Step, Why: ch.Why, Redrill: ch.Redrill}
		if ch.Change == drill.ChangeRenamed {
			l.From = ch.Old.ID
			s := round4(ch.Similarity)
			l.Similarity = &s
		}
		if counts != nil {
			n := counts[i]
			l.Reps = &n
		}
		lines[i] = l
	}
	if format == "json" {
		out := struct {
			Old     string         `json:"old"`
			New     string         `json:"new"`
			Reps    *int           `json:"reps,omitempty"`
			Summary map[string]int `json:"summary"`
			Cards   []diffLine     `json:"cards"`
		}{Old: oldPath, New: newPath, Summary: summary(changes), Cards: lines}
		if counts != nil {
			out.Reps = &reps
		}
		enc := safe.NewJSONEncoder(a.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return writeDiff(a.Stdout, oldPath, newPath, lines, reps, counts != nil)
}

func round4(f float64) float64 { return float64(int(f*10000+0.5)) / 10000 }

func summary(changes []drill.CardChange) map[string]int {
	out := map[string]int{}
	for _, c := range []drill.Change{drill.ChangeRenamed, drill.ChangeChanged, drill.ChangeMinor, drill.ChangeAdded, drill.ChangeRemoved, drill.ChangeUnchanged} {
		out[string(c)] = 0
	}
	for _, ch := range changes {
		out[string(ch.Change)]++
	}
	return out
}

// diffReps counts, per change, the reps in the progress database it
// touches (nil counts when there is no database).
func (a *app) diffReps(old *playbook.Playbook, changes []drill.CardChange) (int, []int, error) {
	path, err := a.dbFile()
	if err != nil {
		return 0, nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return 0, nil, nil
	}
	store, err := boltdb.Open(path, boltdb.Options{ReadOnly: true, Timeout: lockTimeout})
	if err != nil {
		return 0, nil, err
	}
	defer store.Close()
	reps, err := store.Reps()
	if err != nil {
		return 0, nil, err
	}
	stepCards := func(step string) []string {
		s, ok := old.Step(step)
		if !ok {
			return nil
		}
		ids := make([]string, len(s.Cards))
		for i, c := range s.Cards {
			ids[i] = c.ID
		}
		return ids
	}
	counts := make([]int, len(changes))
	for _, rep := range reps {
		states, err := store.States(rep)
		if err != nil {
			return 0, nil, err
		}
		for i, ch := range changes {
			if ch.Touches(states, stepCards) {
				counts[i]++
			}
		}
	}
	return len(reps), counts, nil
}

// diffSections are the text output's sections, in order, each saying
// what it means for the reps it touches.
var diffSections = []struct {
	change drill.Change
	title  string
}{
	{drill.ChangeRenamed, "Renamed (same card, new id: the progress of reps who answered it carries over)"},
	{drill.ChangeChanged, "Changed (reps who passed it drill it again)"},
	{drill.ChangeMinor, "Minor edits (the progress of reps who answered it stays as it is)"},
	{drill.ChangeAdded, "Added (reps who started its step have one more card to pass)"},
	{drill.ChangeRemoved, "Removed (the progress of reps who answered it is dropped)"},
}

func writeDiff(w io.Writer, oldPath, newPath string, lines []diffLine, reps int, haveDB bool) error {
	p := &printer{w: w}
	count := map[string]int{}
	for _, l := range lines {
		count[l.Change]++
	}
	var parts []string
	for _, s := range diffSections {
		if n := count[string(s.change)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s.change))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no card changed")
	}
	head := fmt.Sprintf("%s -> %s: %s, %s.", safe.Text(oldPath), safe.Text(newPath), words.Count(len(lines), "card"), strings.Join(parts, ", "))
	if haveDB {
		head += fmt.Sprintf(" %s in the progress database.", words.Count(reps, "rep"))
	} else {
		head += " No progress database: rep counts left out."
	}
	p.line("%s", head)
	for _, s := range diffSections {
		if count[string(s.change)] == 0 {
			continue
		}
		p.line("")
		p.line("%s:", s.title)
		for _, l := range lines {
			if l.Change != string(s.change) {
				continue
			}
			text := "  " + safe.Text(l.Card) + " [" + l.Kind + "]"
			if l.From != "" {
				text = "  " + safe.Text(l.From) + " -> " + safe.Text(l.Card) + " [" + l.Kind + "]"
				if l.Similarity != nil {
					text += fmt.Sprintf(" %.0f%% alike", *l.Similarity*100)
				}
			}
			if l.Why != "" {
				text += ": " + safe.Text(l.Why)
			}
			if l.Change == string(drill.ChangeRenamed) && l.Redrill {
				text += " (shows as changed)"
			}
			if l.Reps != nil {
				text += "; touches " + words.Count(*l.Reps, "rep")
			}
			p.line("%s", text)
		}
	}
	if n := count[string(drill.ChangeUnchanged)]; n > 0 {
		p.line("")
		p.line("Unchanged: %s.", words.Count(n, "card"))
	}
	return p.err
}
