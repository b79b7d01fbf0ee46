package drill

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/playdrill/playdrill/internal/playbook"
)

// StepProgress is one step's standing for the rep.
type StepProgress struct {
	Step      *playbook.Step
	Status    Status
	Readiness float64 // 0..1: mean over the cards of retrievability now, 0 for a card not passed at its current hash or last answered under the pass mark
	Due       int     // answered cards due now (edited cards count as due)
	New       int     // cards never answered
	Attempts  int     // scheduled attempts on the step's cards (cram excluded)
	LastAt    time.Time
}

// ProcessProgress rolls up a process's steps.
type ProcessProgress struct {
	Process   *playbook.Process
	Steps     []StepProgress
	Readiness float64 // mean of the steps' readiness
	Done      int     // steps done
}

// Progress is the rep's standing on the whole playbook.
type Progress struct {
	Rep       string
	Processes []ProcessProgress
	// Readiness is the mean of every step's readiness. A step's readiness
	// is the mean over its cards of FSRS retrievability now (the
	// probability the rep recalls the card today), counting a card only
	// once it is passed at its current version; so 1 means every card is
	// passed and fresh, and it decays between drills.
	Readiness float64
	Due       int // cards due now in steps that are not locked
	New       int // never answered cards in steps that are not locked
	Attempts  int // every attempt, cram included
	LastAt    time.Time
	// NextDue is when the next card not yet due falls due, in steps that
	// are not locked (zero when none is scheduled).
	NextDue time.Time
}

// Progress computes the rep's standing from the card states and running
// totals alone: it never reads the attempt log.
func (e *Engine) Progress() (Progress, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	states, err := e.current()
	if err != nil {
		return Progress{}, err
	}
	totals, err := e.store.Totals(e.opt.Rep)
	if err != nil {
		return Progress{}, err
	}
	now := e.Now()
	p := Progress{Rep: e.opt.Rep, Attempts: totals.Attempts, LastAt: totals.LastAt}
	// One pass over each step's cards gathers everything; the gate, which
	// needs the step before, is applied as the steps go by.
	g := newGate(e.opt.Free)
	sum, n := 0.0, 0
	for _, proc := range e.book.Processes {
		pp := ProcessProgress{Process: proc, Steps: make([]StepProgress, 0, len(proc.Steps))}
		psum, pn := 0.0, 0
		for _, s := range proc.Steps {
			sp, f, next := scanStep(s, states, now, e.opt.PassMark)
			sp.Status = g.next(s, f)
			pp.Steps = append(pp.Steps, sp)
			// A reference topic with no cards is read, not drilled: it
			// has no readiness to count.
			if len(s.Cards) > 0 {
				psum += sp.Readiness
				pn++
			}
			if sp.Status == StatusDone {
				pp.Done++
			}
			if sp.Status != StatusLocked {
				p.Due += sp.Due
				p.New += sp.New
				if !next.IsZero() && (p.NextDue.IsZero() || next.Before(p.NextDue)) {
					p.NextDue = next
				}
			}
		}
		if pn > 0 {
			pp.Readiness = psum / float64(pn)
		}
		sum += psum
		n += pn
		p.Processes = append(p.Processes, pp)
	}
	if n > 0 {
		p.Readiness = sum / float64(n)
	}
	return p, nil
}

// scanStep gathers a step's figures (all but its status), the facts its
// status comes from, and when its next card not yet due falls due.
func scanStep(s *playbook.Step, states map[string]playbook.CardState, now time.Time, passMark float64) (StepProgress, stepFacts, time.Time) {
	sp := StepProgress{Step: s}
	f := stepFacts{done: true, reached: true}
	var next time.Time
	ready := 0.0
	for _, c := range s.Cards {
		cs, ok := states[c.ID]
		f.add(c, cs, ok)
		if !ok || cs.Attempts == 0 {
			sp.New++
			continue
		}
		sp.Attempts += cs.Attempts
		if cs.LastAt.After(sp.LastAt) {
			sp.LastAt = cs.LastAt
		}
		if readyCard(c, cs, passMark) {
			ready += retrievability(cs, now)
		}
		if dueNow(c, cs, now) {
			sp.Due++
		} else if next.IsZero() || cs.Due.Before(next) {
			next = cs.Due
		}
	}
	if len(s.Cards) > 0 {
		sp.Readiness = ready / float64(len(s.Cards))
	}
	return sp, f, next
}

// readyCard reports whether a card counts toward readiness: passed at its
// current version, and its last answer at or above the pass mark. The
// grade decides: a failing answer the rep rated well does not make the
// card ready (though a step done stays done).
func readyCard(c *playbook.Card, cs playbook.CardState, passMark float64) bool {
	return cs.PassedHash(c.Hash) && cs.LastScore >= passMark
}

// Selection picks the cards of a session.
type Selection struct {
	Step       string // every card of this step, whatever its schedule
	Competitor string // the differentiator cards naming this competitor
	Cram       bool   // do not change the schedule
	// Objections keeps only objection cards, to cram before a call.
	Objections bool
}

// Queue returns the cards of a session. With an empty selection it is
// today's queue: answered cards that are due (most overdue first; edited
// cards count as due now), then at most NewLimit never-answered cards in
// playbook order, all from steps that are not locked (unless Free).
// Selection.Step gives every card of that step whatever its schedule
// (ENotFound for an unknown step, EInvalid for a locked one unless Free);
// Selection.Competitor keeps only the differentiator cards naming that
// competitor, ignoring case (ENotFound, listing the known competitors, for
// an unknown name). Selection.Objections keeps only the objection cards,
// of the step or of the whole playbook (ENotFound when there are none).
// Cram does not change which cards are chosen.
func (e *Engine) Queue(sel Selection) ([]*playbook.Card, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if sel.Objections {
		return e.objectionCards(sel.Step)
	}
	if sel.Step == "" && sel.Competitor == "" {
		return e.today()
	}
	cards := e.book.Cards()
	if sel.Step != "" {
		var err error
		if cards, err = e.stepCards(sel.Step); err != nil {
			return nil, err
		}
	}
	if sel.Competitor != "" {
		return e.competitorCards(cards, sel.Competitor)
	}
	return cards, nil
}

// stepCards returns a step's cards, refusing a locked step unless Free.
func (e *Engine) stepCards(id string) ([]*playbook.Card, error) {
	i, ok := e.stepAt[id]
	if !ok {
		return nil, e.unknownStep(id)
	}
	if !e.opt.Free {
		states, err := e.current()
		if err != nil {
			return nil, err
		}
		if statuses(e.steps, states, false)[i] == StatusLocked {
			return nil, playbook.Errorf(playbook.EInvalid, "step %q is locked until step %q is done (use --free to practise it anyway)", id, stepBefore(e.steps, i).ID)
		}
	}
	return append([]*playbook.Card(nil), e.steps[i].Cards...), nil
}

// unknownStep is ENotFound for a step id not in the playbook, naming the
// ids it most likely misspells, else every step.
func (e *Engine) unknownStep(id string) error {
	ids := make([]string, len(e.steps))
	for i, s := range e.steps {
		ids[i] = s.ID
	}
	if near := Near(id, ids, 5); len(near) > 0 {
		return playbook.Errorf(playbook.ENotFound, "no step %q in the playbook; did you mean %s?", id, strings.Join(near, ", "))
	}
	return playbook.Errorf(playbook.ENotFound, "no step %q in the playbook (steps: %s)", id, joinList(ids))
}

// objectionCards returns the objection cards of step, or of the whole
// playbook when step is "", in playbook order.
func (e *Engine) objectionCards(step string) ([]*playbook.Card, error) {
	cards := e.book.Cards()
	if step != "" {
		var err error
		if cards, err = e.stepCards(step); err != nil {
			return nil, err
		}
	}
	var out []*playbook.Card
	for _, c := range cards {
		if c.Kind == playbook.KindObjection {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		where := "the playbook has"
		if step != "" {
			where = "step " + strconv.Quote(step) + " has"
		}
		return nil, playbook.Errorf(playbook.ENotFound, "%s no objection cards: objections are `####` headings under `### Objections`", where)
	}
	return out, nil
}

// competitorCards keeps the differentiator cards naming name.
func (e *Engine) competitorCards(cards []*playbook.Card, name string) ([]*playbook.Card, error) {
	known := e.Competitors()
	found := false
	for _, k := range known {
		if equalFold(k, name) {
			found = true
			break
		}
	}
	if !found {
		if len(known) == 0 {
			return nil, playbook.Errorf(playbook.ENotFound, "unknown competitor %q: the playbook names no competitors", name)
		}
		return nil, playbook.Errorf(playbook.ENotFound, "unknown competitor %q (known: %s)", name, joinList(known))
	}
	var out []*playbook.Card
	for _, c := range cards {
		if c.Kind == playbook.KindDifferentiator && equalFold(c.Competitor, name) {
			out = append(out, c)
		}
	}
	return out, nil
}

// Competitors lists the competitors the playbook knows: those in its front
// matter, then any other named by a differentiator card.
func (e *Engine) Competitors() []string {
	var out []string
	add := func(n string) {
		if n == "" {
			return
		}
		for _, k := range out {
			if equalFold(k, n) {
				return
			}
		}
		out = append(out, n)
	}
	for _, n := range e.book.Competitors {
		add(n)
	}
	for _, c := range e.book.Cards() {
		if c.Kind == playbook.KindDifferentiator {
			add(c.Competitor)
		}
	}
	return out
}

// today builds today's queue.
func (e *Engine) today() ([]*playbook.Card, error) {
	states, err := e.current()
	if err != nil {
		return nil, err
	}
	now := e.Now()
	status := statuses(e.steps, states, e.opt.Free)
	type dueCard struct {
		c   *playbook.Card
		due time.Time
		pos int
	}
	var due []dueCard
	var fresh []*playbook.Card
	pos := 0
	for i, s := range e.steps {
		if status[i] == StatusLocked {
			pos += len(s.Cards)
			continue
		}
		for _, c := range s.Cards {
			pos++
			st, ok := states[c.ID]
			switch {
			case !ok || st.Attempts == 0:
				fresh = append(fresh, c)
			case dueNow(c, st, now):
				d := st.Due
				if edited(c, st) && d.After(now) {
					d = now
				}
				due = append(due, dueCard{c, d, pos})
			}
		}
	}
	sort.SliceStable(due, func(i, j int) bool {
		if !due[i].due.Equal(due[j].due) {
			return due[i].due.Before(due[j].due)
		}
		return due[i].pos < due[j].pos
	})
	limit := e.opt.NewLimit
	if limit < 0 {
		limit = 0
	}
	if len(fresh) > limit {
		fresh = fresh[:limit]
	}
	out := make([]*playbook.Card, 0, len(due)+len(fresh))
	for _, d := range due {
		out = append(out, d.c)
	}
	return append(out, fresh...), nil
}

// CardReport is a card with the rep's state on it.
type CardReport struct {
	Card           *playbook.Card
	State          playbook.CardState
	Retrievability float64 // probability of recall now, 0..1
}

// Weakest returns up to n of the rep's weak cards, weakest first. A card is
// weak when it is answered but not passed at its current version, last
// scored under the pass mark, or now more likely forgotten than the
// schedule aims for; a card the rep knows is never listed. A card's
// strength is its retrievability now times its last score, so a card
// answered badly a minute ago ranks as weak as one long forgotten; ties go
// to the card answered longest ago. The state carries the last answer.
func (e *Engine) Weakest(n int) ([]CardReport, error) {
	if n <= 0 {
		return nil, nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	states, err := e.current()
	if err != nil {
		return nil, err
	}
	now := e.Now()
	var out []CardReport
	for _, c := range e.book.Cards() {
		st, ok := states[c.ID]
		if !ok || st.Attempts == 0 {
			continue
		}
		r := retrievability(st, now)
		if st.PassedHash(c.Hash) && st.LastScore >= e.opt.PassMark && r >= targetRecall {
			continue
		}
		out = append(out, CardReport{Card: c, State: st, Retrievability: r})
	}
	strength := func(r CardReport) float64 { return r.Retrievability * r.State.LastScore }
	sort.SliceStable(out, func(i, j int) bool {
		si, sj := strength(out[i]), strength(out[j])
		if si != sj {
			return si < sj
		}
		return out[i].State.LastAt.Before(out[j].State.LastAt)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}
