// Package drill holds playdrill's use cases: today's queue, recording an
// attempt, step completion, the onboarding gate and readiness. It takes a
// playbook.Store and a clock and knows nothing of screens or disks.
//
// How scheduling, grading, completion, gating, readiness and cram fit
// together is described for managers and reps in docs/drilling.md.
package drill

import (
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
)

// Answer is a rep's answer to a card, Result its grade and PointResult
// the grade of one key point: front ends use the engine's names for the
// grader's types, and never the grader itself.
type (
	Answer      = grade.Answer
	Result      = grade.Result
	PointResult = grade.PointResult
)

// Status of a step for a rep.
type Status string

// Step statuses.
const (
	// StatusLocked: the rep has not started the step and the step before it
	// is not done yet (the onboarding gate).
	StatusLocked Status = "locked"
	// StatusNew: open, and no card of the step answered yet.
	StatusNew Status = "new"
	// StatusInProgress: some cards answered, not all passed.
	StatusInProgress Status = "in-progress"
	// StatusDone: every card passed at its current content hash.
	StatusDone Status = "done"
	// StatusChanged: some card was passed at an older version but not at
	// its current one (the author edited it since).
	StatusChanged Status = "changed"
)

// Mark is the status as one character, for lists that show many steps at
// once: ✓ done, ◐ in progress, ○ new, ↻ changed, · locked.
func (s Status) Mark() string {
	switch s {
	case StatusDone:
		return "✓"
	case StatusInProgress:
		return "◐"
	case StatusNew:
		return "○"
	case StatusChanged:
		return "↻"
	case StatusLocked:
		return "·"
	}
	return " "
}

// Label is the status in words, as a person reads it ("in progress").
func (s Status) Label() string { return strings.ReplaceAll(string(s), "-", " ") }

// Defaults of Options.
const (
	// DefaultPassMark is the score at or above which an answer passes;
	// grading owns the figure.
	DefaultPassMark = grade.DefaultPassMark
	DefaultNewLimit = 20
)

// Options configure an Engine.
type Options struct {
	Rep      string
	PassMark float64 // default 0.8 (DefaultPassMark)
	// NewLimit bounds the new cards in today's queue: 0 means the default
	// of 20 (DefaultNewLimit), a negative number means none.
	NewLimit int
	Free     bool // lift the onboarding gate
	// Day is when the rep's day rolls over (default 4 am local time).
	Day Day
	Now func() time.Time // default time.Now
	// Grader grades answers; by default each card is prepared for grading
	// once and graded at PassMark. Front ends' tests set it to get known
	// results.
	Grader func(*playbook.Card, grade.Answer) grade.Result
	// NewID makes attempt ids, which also seed the order options are shown
	// in (Arrange); by default random UUIDs. Front ends' tests set it to
	// know the order.
	NewID func() string
}

// Engine runs drills for one rep on one playbook. It is not safe for
// concurrent use.
type Engine struct {
	book  *playbook.Playbook
	store playbook.Store
	opt   Options

	steps   []*playbook.Step          // playbook order: the onboarding path
	stepAt  map[string]int            // step id -> index in steps
	cardFor map[string]*playbook.Card // card id -> card

	keysMu sync.Mutex
	keys   map[*playbook.Card]*grade.Key // cards prepared for grading

	// mu guards mem: front ends call the engine from several commands.
	mu  sync.Mutex
	mem memory

	presented presented // attempts shown and not yet recorded
	ident     identity  // edited cards' decisions (identity.go)
}

// New returns an engine for opt.Rep on book, keeping progress in store.
func New(book *playbook.Playbook, store playbook.Store, opt Options) *Engine {
	if opt.PassMark <= 0 {
		opt.PassMark = DefaultPassMark
	}
	if opt.NewLimit == 0 {
		opt.NewLimit = DefaultNewLimit
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.NewID == nil {
		opt.NewID = uuid.NewString
	}
	e := &Engine{book: book, store: store, opt: opt, stepAt: map[string]int{}, cardFor: map[string]*playbook.Card{}}
	if e.opt.Grader == nil {
		e.opt.Grader = e.gradePrepared
	}
	e.steps = book.Steps()
	for i, s := range e.steps {
		e.stepAt[s.ID] = i
		for _, c := range s.Cards {
			e.cardFor[c.ID] = c
		}
	}
	return e
}

// Book returns the engine's playbook.
func (e *Engine) Book() *playbook.Playbook { return e.book }

// Rep returns the rep the engine drills.
func (e *Engine) Rep() string { return e.opt.Rep }

// PassMark returns the score at or above which an answer passes.
func (e *Engine) PassMark() float64 { return e.opt.PassMark }

// Now returns the engine's clock reading, without monotonic part so that
// what is stored compares equal to what is replayed.
func (e *Engine) Now() time.Time { return e.opt.Now().Round(0) }

// memory is what the engine keeps of the rep's progress for its session,
// so that answering a card reads nothing back from the store: the rep's
// card states, and the number of the rep's attempts they reflect, by which
// the store tells whether another process has written since.
type memory struct {
	loaded bool
	seen   int
	states map[string]playbook.CardState
}

// current returns the rep's card states, read from the store again only
// when it holds attempts the engine has not seen (another process
// drilled, or an import). The caller holds e.mu.
func (e *Engine) current() (map[string]playbook.CardState, error) {
	// Totals first: a write between the two reads then shows as a
	// difference next time, never the other way round.
	t, err := e.store.Totals(e.opt.Rep)
	if err != nil {
		return nil, err
	}
	if e.mem.loaded && t.Attempts == e.mem.seen {
		return e.mem.states, nil
	}
	st, err := e.store.States(e.opt.Rep)
	if err != nil {
		return nil, err
	}
	if st == nil {
		st = map[string]playbook.CardState{}
	}
	if st, err = e.carryOver(st); err != nil {
		return nil, err
	}
	e.mem = memory{loaded: true, seen: t.Attempts, states: st}
	return st, nil
}

// remembered returns the states kept in memory, loading them the first
// time. The caller holds e.mu.
func (e *Engine) remembered() (map[string]playbook.CardState, error) {
	if e.mem.loaded {
		return e.mem.states, nil
	}
	return e.current()
}

// carryOver applies the identity decisions to a rep's states (identity.go).
func (e *Engine) carryOver(st map[string]playbook.CardState) (map[string]playbook.CardState, error) {
	ds, err := e.identities()
	if err != nil || len(ds) == 0 {
		return st, err
	}
	applyIdentity(st, ds, func(id string) bool { return e.cardFor[id] != nil })
	return st, nil
}

// Grade grades an answer (no side effects).
func (e *Engine) Grade(c *playbook.Card, a grade.Answer) grade.Result { return e.opt.Grader(c, a) }

// gradePrepared grades with the card's prepared key, preparing it on first
// use: preparing (splitting and stemming the key points) costs as much as
// grading itself. Safe for concurrent use, as front ends grade in commands.
func (e *Engine) gradePrepared(c *playbook.Card, a grade.Answer) grade.Result {
	e.keysMu.Lock()
	k, ok := e.keys[c]
	if !ok {
		if e.keys == nil {
			e.keys = map[*playbook.Card]*grade.Key{}
		}
		k = grade.Prepare(c)
		e.keys[c] = k
	}
	e.keysMu.Unlock()
	return k.Grade(a, grade.Options{PassMark: e.opt.PassMark})
}

// Outcome is what recording an attempt changed.
type Outcome struct {
	Attempt   playbook.Attempt
	Completed *playbook.Step // the step this attempt finished, if any
	Opened    *playbook.Step // the step that opened because of it, if any
	// Disputed is the dispute the rating made: a typed answer under the
	// pass mark rated above the suggestion (see dispute.go).
	Disputed *playbook.Dispute
}

// Record commits an attempt (durably, before returning): the attempt, the
// card's new schedule and, when the attempt finished its step, the step's
// completion, all in one store.Record. A cram attempt is stored (marked
// cram) but changes neither schedule nor completion. It fails with
// EInvalid for a rating outside 1-4, a card not in the playbook or picks
// out of range, and with the store's error when the commit fails.
func (e *Engine) Record(c *playbook.Card, a grade.Answer, r grade.Result, rating playbook.Rating, cram bool, took time.Duration) (Outcome, error) {
	if !rating.Valid() {
		return Outcome{}, playbook.Errorf(playbook.EInvalid, "rating %d: want 1 (again) to 4 (easy)", rating)
	}
	if c == nil || e.cardFor[c.ID] == nil {
		return Outcome{}, playbook.Errorf(playbook.EInvalid, "card is not in the playbook")
	}
	resp, err := responseText(c, a)
	if err != nil {
		return Outcome{}, err
	}
	if len(resp) > playbook.MaxResponse {
		return Outcome{}, playbook.Errorf(playbook.EInvalid, "the answer is %d KB, more than the %d KB playdrill records: shorten it", len(resp)>>10, playbook.MaxResponse>>10)
	}
	// A card left open for days is recorded at the longest time a record
	// keeps, so that every record exports and imports alike.
	took = min(max(took, 0), playbook.MaxDuration)
	att := playbook.Attempt{
		ID:              e.attemptID(c.ID),
		Rep:             e.opt.Rep,
		Card:            c.ID,
		Hash:            c.Hash,
		Step:            c.Step,
		Process:         c.Process,
		Kind:            c.Kind,
		PlaybookVersion: e.book.Version,
		At:              e.Now(),
		Response:        resp,
		Score:           clamp01(r.Score),
		Suggested:       r.Suggested,
		Rating:          rating,
		Duration:        took,
		Cram:            cram,
	}
	att.Facts = recordedFacts(c, att, e.opt.PassMark)
	dispute := e.autoDispute(c, att, r)
	e.mu.Lock()
	defer e.mu.Unlock()
	if cram {
		if err := e.store.Record(playbook.Record{Attempt: att, Dispute: dispute}); err != nil {
			return Outcome{}, err
		}
		e.mem.seen++ // wrong only if another process wrote too: then reread
		e.filed(c.ID, att.ID)
		return Outcome{Attempt: att, Disputed: dispute}, nil
	}
	// Another process may have written since the states were read: the
	// store then refuses the record, and it is made again on fresh states.
	for try := 0; ; try++ {
		states, err := e.remembered()
		if err != nil {
			return Outcome{}, err
		}
		rec, out, err := e.change(c, att, states)
		if err != nil {
			return Outcome{}, err
		}
		if !e.textNeeded(c, states[c.ID]) {
			rec.Attempt.Facts = withoutText(att.Facts)
		}
		rec.Dispute, out.Disputed = dispute, dispute
		seen := e.mem.seen
		rec.Seen = &seen
		err = e.store.Record(rec)
		if playbook.ErrorCode(err) == playbook.EConflict && try < 3 {
			e.mem.loaded = false
			continue
		}
		if err != nil {
			return Outcome{}, err
		}
		states[c.ID] = *rec.State
		e.mem.seen++
		e.filed(c.ID, att.ID)
		return out, nil
	}
}

// change is what att changes: the card's new state and, when it finishes
// its step, the step's completion and the step it opens. Only the card's
// step and the step after it are looked at; states is not changed.
func (e *Engine) change(c *playbook.Card, att playbook.Attempt, states map[string]playbook.CardState) (playbook.Record, Outcome, error) {
	next, err := applyAttempt(states[c.ID], att, e.opt.PassMark, e.opt.Day)
	if err != nil {
		return playbook.Record{}, Outcome{}, err
	}
	rec := playbook.Record{Attempt: att, State: &next}
	out := Outcome{Attempt: att}
	i, ok := e.stepAt[c.Step]
	if !ok {
		return rec, out, nil
	}
	s := e.steps[i]
	before := factsOf(s, states, nil)
	after := factsOf(s, states, &next)
	if before.done || !after.done {
		return rec, out, nil
	}
	rec.Completion = &playbook.Completion{Rep: e.opt.Rep, Step: s.ID, Process: s.Process, PlaybookVersion: e.book.Version, At: att.At}
	out.Completed = s
	// The gate: the next step in order (reference topics between are
	// never locked) was locked while this one was not reached, and opens
	// now that it is, unless the rep had started it already. A reference
	// topic gates nothing.
	if s.Reference || before.reached {
		return rec, out, nil
	}
	j := i + 1
	for j < len(e.steps) && e.steps[j].Reference {
		j++
	}
	if j < len(e.steps) && factsOf(e.steps[j], states, nil).baseStatus() == StatusNew {
		out.Opened = e.steps[j]
	}
	return rec, out, nil
}

// responseText is what an attempt records as the rep's answer: the typed
// text, or the texts of the picked options (joined by "; "), or the items in
// the rep's order (joined by " > ").
func responseText(c *playbook.Card, a grade.Answer) (string, error) {
	switch c.Kind {
	case playbook.KindChoice, playbook.KindClassify:
		return pickedText(c.Options, a.Picks, "; ")
	case playbook.KindOrder:
		return pickedText(c.Items, a.Picks, " > ")
	}
	return a.Text, nil
}

func pickedText(from []string, picks []int, sep string) (string, error) {
	parts := make([]string, 0, len(picks))
	for _, p := range picks {
		if p < 0 || p >= len(from) {
			return "", playbook.Errorf(playbook.EInvalid, "pick %d: the card has %d options", p+1, len(from))
		}
		parts = append(parts, from[p])
	}
	return strings.Join(parts, sep), nil
}

func clamp01(f float64) float64 {
	if f != f || f < 0 { // NaN or negative
		return 0
	}
	if f > 1 {
		return 1
	}
	return f
}

// Feedback stores the rep's feedback on a card, with the card's current
// hash so authors see which version it was about. Empty text is EInvalid.
func (e *Engine) Feedback(c *playbook.Card, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return playbook.Errorf(playbook.EInvalid, "feedback needs some text")
	}
	if c == nil {
		return playbook.Errorf(playbook.EInvalid, "feedback needs a card")
	}
	return e.store.AddFeedback(playbook.Feedback{
		ID:   uuid.NewString(),
		Rep:  e.opt.Rep,
		Card: c.ID,
		Hash: c.Hash,
		Step: c.Step,
		At:   e.Now(),
		Text: text,
	})
}
