// Package report turns reps' progress into what managers read: progress
// reports (table, CSV, JSON) and reps' feedback for authors.
package report

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
)

// WeakestCount is how many weakest cards a report lists per rep.
const WeakestCount = 5

// Progressor is what a report needs from the drill engine for one rep.
// *drill.Engine satisfies it.
type Progressor interface {
	Progress() (drill.Progress, error)
	Weakest(n int) ([]drill.CardReport, error)
}

// Options configure Build.
type Options struct {
	PassMark float64          // default drill.DefaultPassMark
	Now      func() time.Time // default time.Now
	// Engine returns the engine for a rep; default drill.New on the store.
	Engine func(rep string) Progressor
}

// Report is the standing of some reps on a playbook, with team totals.
type Report struct {
	Playbook    string
	Version     string
	GeneratedAt time.Time
	Reps        []Rep
	Team        Team
}

// Rep is one rep's standing.
type Rep struct {
	Name      string
	Attempts  int // every answer, cram included
	Cram      int // answers in cram sessions, which leave the schedule alone
	Readiness float64
	LastAt    time.Time
	Steps     []StepRow
	Processes []ProcessRow
	Weakest   []WeakCard
}

// StepRow is one step's standing for a rep.
type StepRow struct {
	ID        string
	Title     string
	Process   string
	Status    drill.Status
	Readiness float64
	Attempts  int
	LastAt    time.Time
}

// ProcessRow rolls up a process for a rep.
type ProcessRow struct {
	ID        string
	Title     string
	Readiness float64
	Done      int
	Steps     int
}

// WeakCard is one of a rep's weakest cards.
type WeakCard struct {
	Card           string
	Step           string
	Kind           playbook.Kind
	Prompt         string
	Retrievability float64
	LastScore      float64
	Attempts       int
}

// Team holds totals over the reps of a report.
type Team struct {
	Reps      int
	Steps     []TeamStep
	Processes []TeamProcess
}

// TeamStep is the share of reps that are done with a step.
type TeamStep struct {
	ID        string
	Title     string
	Process   string
	Done      int
	Share     float64
	Readiness float64 // mean over reps
}

// TeamProcess rolls up a process over the team.
type TeamProcess struct {
	ID        string
	Title     string
	Readiness float64 // mean over reps
	DoneShare float64 // share of (rep, step) pairs done
	Done      int     // reps done with every step of the process
}

// UnknownRepError says a rep has no records; it lists the reps that do.
func UnknownRepError(rep string, known []string) error {
	msg := fmt.Sprintf("no records for rep %q in this database", rep)
	if len(known) > 0 {
		msg += " (reps with records: " + strings.Join(known, ", ") + ")"
	} else {
		msg += " (it has no records yet)"
	}
	return playbook.Errorf(playbook.ENotFound, "%s", msg)
}

// Build computes the report of reps (every rep in the store when reps is
// empty). A named rep without records is an ENotFound error. It reads card
// states and running totals, never the attempts themselves.
func Build(book *playbook.Playbook, store playbook.Store, reps []string, opt Options) (*Report, error) {
	if opt.PassMark == 0 {
		opt.PassMark = drill.DefaultPassMark
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Engine == nil {
		now := opt.Now
		opt.Engine = func(rep string) Progressor {
			return drill.New(book, store, drill.Options{Rep: rep, PassMark: opt.PassMark, Now: now})
		}
	}
	known, err := store.Reps()
	if err != nil {
		return nil, fmt.Errorf("listing reps: %w", err)
	}
	if len(reps) == 0 {
		reps = known
	} else {
		for _, r := range reps {
			if !contains(known, r) {
				return nil, UnknownRepError(r, known)
			}
		}
	}
	rep := &Report{Playbook: book.Title, Version: book.Version, GeneratedAt: opt.Now()}
	for _, name := range reps {
		r, err := buildRep(book, store, name, opt)
		if err != nil {
			return nil, err
		}
		rep.Reps = append(rep.Reps, r)
	}
	rep.Team = teamTotals(book, rep.Reps)
	return rep, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func buildRep(book *playbook.Playbook, store playbook.Store, name string, opt Options) (Rep, error) {
	eng := opt.Engine(name)
	prog, err := eng.Progress()
	if err != nil {
		return Rep{}, fmt.Errorf("progress of %s: %w", name, err)
	}
	weak, err := eng.Weakest(WeakestCount)
	if err != nil {
		return Rep{}, fmt.Errorf("weakest cards of %s: %w", name, err)
	}
	tot, err := store.Totals(name)
	if err != nil {
		return Rep{}, fmt.Errorf("totals of %s: %w", name, err)
	}
	r := Rep{Name: name, Attempts: tot.Attempts, Cram: tot.Cram, Readiness: clamp01(prog.Readiness), LastAt: tot.LastAt}
	if r.LastAt.IsZero() {
		r.LastAt = prog.LastAt
	}
	for _, pp := range prog.Processes {
		pr := ProcessRow{Readiness: clamp01(pp.Readiness), Done: pp.Done, Steps: len(pp.Steps)}
		if pp.Process != nil {
			pr.ID, pr.Title = pp.Process.ID, pp.Process.Title
		}
		r.Processes = append(r.Processes, pr)
		for _, sp := range pp.Steps {
			row := StepRow{Process: pr.ID, Status: sp.Status, Readiness: clamp01(sp.Readiness), Attempts: sp.Attempts, LastAt: sp.LastAt}
			if sp.Step != nil {
				row.ID, row.Title = sp.Step.ID, sp.Step.Title
				if sp.Step.Process != "" {
					row.Process = sp.Step.Process
				}
			}
			r.Steps = append(r.Steps, row)
		}
	}
	for _, w := range weak {
		wc := WeakCard{Retrievability: clamp01(w.Retrievability), LastScore: w.State.LastScore, Attempts: w.State.Attempts, Card: w.State.Card}
		if w.Card != nil {
			wc.Card, wc.Step, wc.Kind, wc.Prompt = w.Card.ID, w.Card.Step, w.Card.Kind, w.Card.Prompt
		}
		r.Weakest = append(r.Weakest, wc)
	}
	return r, nil
}

// teamTotals computes per-step and per-process shares over reps, in
// playbook order.
func teamTotals(book *playbook.Playbook, reps []Rep) Team {
	t := Team{Reps: len(reps)}
	done := map[string]int{}
	stepReady := map[string]float64{}
	procReady := map[string]float64{}
	procDone := map[string]int{}
	for _, r := range reps {
		for _, s := range r.Steps {
			if s.Status == drill.StatusDone {
				done[s.ID]++
			}
			stepReady[s.ID] += s.Readiness
		}
		for _, p := range r.Processes {
			procReady[p.ID] += p.Readiness
			if p.Steps > 0 && p.Done == p.Steps {
				procDone[p.ID]++
			}
		}
	}
	for _, proc := range book.Processes {
		tp := TeamProcess{ID: proc.ID, Title: proc.Title, Done: procDone[proc.ID]}
		stepsDone := 0
		for _, s := range proc.Steps {
			ts := TeamStep{ID: s.ID, Title: s.Title, Process: proc.ID, Done: done[s.ID]}
			if len(reps) > 0 {
				ts.Share = float64(ts.Done) / float64(len(reps))
				ts.Readiness = stepReady[s.ID] / float64(len(reps))
			}
			stepsDone += ts.Done
			t.Steps = append(t.Steps, ts)
		}
		if len(reps) > 0 {
			tp.Readiness = procReady[proc.ID] / float64(len(reps))
			if len(proc.Steps) > 0 {
				tp.DoneShare = float64(stepsDone) / float64(len(reps)*len(proc.Steps))
			}
		}
		t.Processes = append(t.Processes, tp)
	}
	return t
}

func clamp01(f float64) float64 {
	if math.IsNaN(f) || f < 0 {
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

// round4 keeps figures readable in JSON and CSV.
func round4(f float64) float64 { return math.Round(f*10000) / 10000 }

// sortedKeys returns the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
