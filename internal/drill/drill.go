// Package drill holds playdrill's use cases: today's queue, recording an
// attempt, step completion, the onboarding gate and readiness. It takes a
// playbook.Store and a clock and knows nothing of screens or disks.
package drill

import (
	"errors"
	"time"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
)

// Status of a step for a rep.
type Status string

// Step statuses.
const (
	StatusLocked     Status = "locked"
	StatusNew        Status = "new"
	StatusInProgress Status = "in-progress"
	StatusDone       Status = "done"
	StatusChanged    Status = "changed"
)

// Options configure an Engine.
type Options struct {
	Rep      string
	PassMark float64          // default 0.8
	NewLimit int              // new cards per day; default 20
	Free     bool             // lift the onboarding gate
	Now      func() time.Time // default time.Now
}

// Engine runs drills for one rep on one playbook.
type Engine struct {
	book  *playbook.Playbook
	store playbook.Store
	opt   Options
}

// New returns an engine.
func New(book *playbook.Playbook, store playbook.Store, opt Options) *Engine {
	return &Engine{book: book, store: store, opt: opt}
}

// StepProgress is one step's standing for the rep.
type StepProgress struct {
	Step      *playbook.Step
	Status    Status
	Readiness float64 // 0..1
	Due       int     // cards due now
	New       int     // cards never answered
	Attempts  int
	LastAt    time.Time
}

// ProcessProgress rolls up a process's steps.
type ProcessProgress struct {
	Process   *playbook.Process
	Steps     []StepProgress
	Readiness float64
	Done      int // steps done
}

// Progress is the rep's standing on the whole playbook.
type Progress struct {
	Rep       string
	Processes []ProcessProgress
	Readiness float64
	Due       int
	New       int
	Attempts  int
	LastAt    time.Time
}

// Progress computes the rep's standing.
func (e *Engine) Progress() (Progress, error) { return Progress{}, errors.New("drill: todo") }

// Selection picks the cards of a session.
type Selection struct {
	Step       string // every card of this step, whatever its schedule
	Competitor string // the differentiator cards naming this competitor
	Cram       bool   // do not change the schedule
}

// Queue returns the cards of a session: today's queue when sel is empty.
func (e *Engine) Queue(sel Selection) ([]*playbook.Card, error) {
	return nil, errors.New("drill: todo")
}

// Grade grades an answer (no side effects).
func (e *Engine) Grade(c *playbook.Card, a grade.Answer) grade.Result { return grade.Grade(c, a) }

// Outcome is what recording an attempt changed.
type Outcome struct {
	Attempt   playbook.Attempt
	Completed *playbook.Step // the step this attempt finished, if any
	Opened    *playbook.Step // the step that opened because of it, if any
}

// Record commits an attempt (durably, before returning).
func (e *Engine) Record(c *playbook.Card, a grade.Answer, r grade.Result, rating playbook.Rating, cram bool, took time.Duration) (Outcome, error) {
	return Outcome{}, errors.New("drill: todo")
}

// Feedback stores the rep's feedback on a card.
func (e *Engine) Feedback(c *playbook.Card, text string) error { return errors.New("drill: todo") }

// CardReport is a card with the rep's state on it.
type CardReport struct {
	Card           *playbook.Card
	State          playbook.CardState
	Retrievability float64
}

// Weakest returns the rep's n weakest answered cards.
func (e *Engine) Weakest(n int) ([]CardReport, error) { return nil, errors.New("drill: todo") }

// Rebuild replays attempts (in time order) into card states and completions,
// as import needs after merging reps' records.
func Rebuild(book *playbook.Playbook, rep string, attempts []playbook.Attempt, passMark float64) ([]playbook.CardState, []playbook.Completion) {
	return nil, nil
}
