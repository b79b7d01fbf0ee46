package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
)

type drillPhase int

const (
	phaseLoading  drillPhase = iota // waiting for the queue
	phaseAnswer                     // the rep answers the card
	phaseGraded                     // graded; waiting for a rating
	phaseFeedback                   // typing feedback on the card
	phaseNextStep                   // a step opened: drill it, or read it first
	phaseSummary                    // the session is over
)

// drillScreen runs one session: a queue of cards, one at a time. The
// answer is taken by one of three widgets, by the card's kind.
type drillScreen struct {
	c       *common
	session int // counts sessions; results of an older one are dropped
	title   string
	sel     drill.Selection
	cards   []*playbook.Card
	i       int
	phase   drillPhase
	shown   time.Time // when the card appeared, for the attempt's duration

	typed typedAnswer
	pick  pickList
	order orderList

	answer drill.Answer
	result drill.Result
	saving bool
	vp     viewport.Model // the graded card: points, never-say, model answer

	feedback textinput.Model
	dispute  disputeState // the rep's dispute of the answer being rated (dispute.go)

	answered  int
	scoreSum  float64
	completed []string
	opened    []string

	// The session's flow (see drill.Requeue and drill.Unseen): the cards
	// it has shown, how often each card rated Again came back, whether a
	// fresh look at today's queue is on its way.
	seen    map[string]bool
	returns map[string]int
	rated   playbook.Rating
	more    bool
	// revealed: the rep asked to see the answer, which counts as Again.
	revealed bool
	// confirmEnd: esc was pressed with an answer typed; y ends, n goes on.
	confirmEnd bool

	akeys answerKeys
	rkeys rateKeys
	fkeys inputKeys
	skeys summaryKeys
	nkeys nextStepKeys
}

func newDrillScreen(c *common) *drillScreen {
	fb := textinput.New()
	fb.Prompt = "Feedback: "
	fb.Placeholder = "what doesn't work with prospects?"
	fb.CharLimit = 2000
	return &drillScreen{
		c:        c,
		typed:    newTypedAnswer(),
		feedback: fb,
		vp:       viewport.New(),
		akeys:    newAnswerKeys(c.keys),
		rkeys:    newRateKeys(c.keys),
		fkeys:    newInputKeys(c.keys, "save feedback"),
		skeys:    newSummaryKeys(c.keys),
		nkeys:    newNextStepKeys(c.keys),
	}
}

func (d *drillScreen) card() *playbook.Card {
	if d.i < len(d.cards) {
		return d.cards[d.i]
	}
	return nil
}

// kind is the widget that takes the answer to the current card.
func (d *drillScreen) kind() answerKind {
	c := d.card()
	switch {
	case c == nil || c.Kind.Typed():
		return answerTyped
	case c.Kind == playbook.KindOrder:
		return answerOrder
	}
	return answerPick
}

func (d *drillScreen) KeyMap() help.KeyMap {
	switch d.phase {
	case phaseAnswer:
		k := d.akeys
		k.kind = d.kind()
		k.confirming = d.confirmEnd
		return k
	case phaseGraded:
		k := d.rkeys
		k.atTop, k.atBottom = d.vp.AtTop(), d.vp.AtBottom()
		return k
	case phaseFeedback:
		return d.fkeys
	case phaseNextStep:
		return d.nkeys
	default:
		return d.skeys
	}
}

func (d *drillScreen) Typing() bool {
	return d.phase == phaseFeedback || (d.phase == phaseAnswer && d.card() != nil && d.kind() == answerTyped && !d.confirmEnd)
}

func (d *drillScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case startDrillMsg:
		return d.start(msg.title, msg.sel)
	case queueMsg:
		return d.onQueue(msg)
	case recordedMsg:
		return d.onRecorded(msg)
	case feedbackSavedMsg:
		return d.onFeedbackSaved(msg)
	case disputeSavedMsg:
		return d.onDisputeSaved(msg)
	case renderedMsg:
		d.refresh()
		return nil
	case bookChangedMsg:
		d.rebind()
		return nil
	case tea.KeyPressMsg:
		return d.key(msg)
	}
	var cmd tea.Cmd
	switch {
	case d.phase == phaseAnswer && d.card() != nil && d.kind() == answerTyped:
		// Pastes belong to the text area.
		cmd, _ = d.typed.Update(msg)
	case d.phase == phaseFeedback:
		d.feedback, cmd = d.feedback.Update(msg)
	}
	return cmd
}

// start begins a session on the cards sel picks.
func (d *drillScreen) start(title string, sel drill.Selection) tea.Cmd {
	d.session++
	d.title, d.sel, d.phase = title, sel, phaseLoading
	d.cards, d.i, d.saving = nil, 0, false
	d.answered, d.scoreSum, d.completed, d.opened = 0, 0, nil, nil
	d.seen, d.returns, d.more = map[string]bool{}, map[string]int{}, false
	return queueCmd(d.session, d.c.eng, title, sel)
}

func (d *drillScreen) onQueue(msg queueMsg) tea.Cmd {
	if msg.gen != d.session || d.phase != phaseLoading {
		return nil
	}
	if d.more {
		return d.onMore(msg)
	}
	if msg.err != nil {
		return navigate(goHomeMsg{note: "Could not start the drill: " + cleanLine(msg.err.Error()), noteErr: true})
	}
	if len(msg.cards) == 0 {
		note := d.nothingDue()
		if msg.sel.Step != "" {
			note = "No cards to drill in this step."
		}
		return navigate(goHomeMsg{note: note})
	}
	d.cards = msg.cards[:min(len(msg.cards), d.c.sessionSize)]
	return d.show(0)
}

// flows reports whether the session goes on past its queue: today's
// session does, not one on a step, a competitor or a cram.
func (d *drillScreen) flows() bool {
	return d.sel == (drill.Selection{}) && d.answered < d.c.sessionSize
}

// next moves on from the card just done: to the next card, else to more
// of today's cards when the session flows, else to the summary.
func (d *drillScreen) next() tea.Cmd {
	if d.i+1 < len(d.cards) {
		return d.show(d.i + 1)
	}
	if d.flows() {
		d.phase, d.more = phaseLoading, true
		return queueCmd(d.session, d.c.eng, d.title, d.sel)
	}
	return d.end()
}

// onMore adds to the session the cards of today's queue it has not shown:
// those of a step that opened during it. The first card of a step the rep
// has not read waits for them to drill it or read it first.
func (d *drillScreen) onMore(msg queueMsg) tea.Cmd {
	d.more = false
	if msg.err != nil {
		d.c.setError("Could not look for more cards: " + cleanLine(msg.err.Error()))
		return d.end()
	}
	more := drill.Unseen(msg.cards, d.seen)
	more = more[:min(len(more), d.c.sessionSize-d.answered)]
	if len(more) == 0 {
		return d.end()
	}
	d.cards = append(d.cards, more...)
	d.i++
	// The standing may still show the step locked: it is reloaded as the
	// step opens.
	if sp, ok := d.c.progress.step(more[0].Step); !d.c.read[more[0].Step] && (!ok || sp.Status == drill.StatusNew || sp.Status == drill.StatusLocked) {
		d.phase = phaseNextStep
		d.typed.Blur()
		return nil
	}
	return d.show(d.i)
}

// nothingDue is the note for an empty queue: when the next review falls
// due when one is scheduled, since a card rated "again" comes back within
// minutes, not tomorrow.
func (d *drillScreen) nothingDue() string {
	if p := d.c.progress; p.ok && !p.all.NextDue.IsZero() {
		return "Nothing due now; next review " + nextReview(d.c.now(), p.all.NextDue) + ". Enter opens a step to learn it."
	}
	return "Nothing due today. Open a step with enter to learn it, or come back tomorrow."
}

// show puts card i in front of the rep.
func (d *drillScreen) show(i int) tea.Cmd {
	d.i = i
	d.phase = phaseAnswer
	d.shown = d.c.now()
	d.answer = drill.Answer{}
	d.result = drill.Result{}
	d.dispute = disputeState{}
	d.revealed, d.confirmEnd = false, false
	c := d.card()
	d.seen[c.ID] = true
	d.present(c)
	var cmd tea.Cmd
	if d.kind() == answerTyped {
		cmd = d.typed.Start()
	} else {
		d.typed.Blur()
	}
	return tea.Batch(cmd, d.Layout())
}

// present starts the attempt at c: its options or items in the engine's
// order for this attempt, the one order --plain would show too.
func (d *drillScreen) present(c *playbook.Card) {
	shown := d.c.eng.Present(c)
	d.pick = newPickList(c.Options, shown.Order, len(c.Correct) > 1)
	d.order = newOrderList(c, shown.Order)
}

func (d *drillScreen) Layout() tea.Cmd {
	w := min(d.c.width-2, 100)
	d.typed.Layout(d.c, w)
	d.feedback.SetWidth(w - 12)
	d.feedback.SetStyles(d.c.inputStyles())
	if d.phase == phaseGraded || d.phase == phaseFeedback {
		d.vp.SetWidth(d.c.width)
		d.vp.SetHeight(max(d.c.bodyHeight(d.KeyMap())-d.gradedChrome(), 3))
		d.refresh()
		if c := d.card(); c != nil && c.Answer != "" {
			return d.c.requestRender(answerID(c), c.Answer, w)
		}
	}
	return nil
}

// gradedChrome is how many body lines the graded view uses outside the
// viewport: header, blank, prompt line, blank, and the rating line(s).
func (d *drillScreen) gradedChrome() int {
	n := 6
	if d.phase == phaseFeedback {
		n += 2
	}
	return n
}

func answerID(c *playbook.Card) string { return "answer:" + c.ID + ":" + c.Hash }

func (d *drillScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	switch d.phase {
	case phaseAnswer:
		return d.answerKey(msg)
	case phaseGraded:
		return d.rateKey(msg)
	case phaseFeedback:
		return d.feedbackKey(msg)
	case phaseNextStep:
		return d.nextStepKey(msg)
	case phaseSummary, phaseLoading:
		if key.Matches(msg, d.skeys.Home) {
			return navigate(goHomeMsg{})
		}
	}
	return nil
}

// nextStepKey answers the offer to read a step that just opened.
func (d *drillScreen) nextStepKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, d.nkeys.Drill):
		return d.show(d.i)
	case key.Matches(msg, d.nkeys.Learn):
		return navigate(openStepMsg{id: d.card().Step, today: true})
	case key.Matches(msg, d.nkeys.End):
		return d.end()
	}
	return nil
}

func (d *drillScreen) answerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := d.akeys
	if d.confirmEnd {
		switch {
		case key.Matches(msg, k.Yes):
			return d.end()
		case key.Matches(msg, k.No), key.Matches(msg, k.End):
			d.confirmEnd = false
			d.c.setStatus("")
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.End):
		if d.kind() == answerTyped && !d.typed.Empty() {
			d.confirmEnd = true
			d.c.setStatus("Discard your answer and end the session? y ends it · n goes on")
			return nil
		}
		return d.end()
	case key.Matches(msg, k.Reveal):
		d.revealed = true
		return d.submit(drill.Answer{})
	case key.Matches(msg, k.Skip):
		d.c.setStatus("Skipped: it comes back in a later session.")
		return d.next()
	}
	switch d.kind() {
	case answerTyped:
		if key.Matches(msg, k.Submit) {
			if d.typed.Empty() {
				d.c.setStatus("Type an answer first, or ctrl+o to see the answer.")
				return nil
			}
			return d.submit(drill.Answer{Text: d.typed.Value()})
		}
		cmd, changed := d.typed.Update(msg)
		// A key into a full answer changes nothing, not even the screen,
		// so the rest of such a paste goes by quickly.
		d.c.unchanged = !changed
		return cmd
	case answerOrder:
		if key.Matches(msg, k.Submit) {
			return d.submit(drill.Answer{Picks: d.order.Picks()})
		}
		d.order.Update(msg)
	default:
		if key.Matches(msg, k.Submit) {
			picks := d.pick.Picks()
			if len(picks) == 0 {
				return nil // nothing picked: enter does nothing
			}
			return d.submit(drill.Answer{Picks: picks})
		}
		d.pick.Update(msg)
	}
	return nil
}

// submit grades the answer (pure and fast, so here) and asks for the model
// answer's rendering (slow, so in a command).
func (d *drillScreen) submit(a drill.Answer) tea.Cmd {
	d.answer = a
	d.result = d.c.eng.Grade(d.card(), a)
	d.rkeys.Dispute.SetEnabled(!d.revealed && drill.Disputable(d.card(), d.result) == nil)
	for _, b := range []*key.Binding{&d.rkeys.Hard, &d.rkeys.Good, &d.rkeys.Easy} {
		b.SetEnabled(!d.revealed)
	}
	d.phase = phaseGraded
	d.typed.Blur()
	d.vp.GotoTop()
	return d.Layout()
}

func (d *drillScreen) rateKey(msg tea.KeyPressMsg) tea.Cmd {
	k := d.rkeys
	switch {
	case key.Matches(msg, k.End):
		return d.end()
	case key.Matches(msg, k.Again):
		return d.rate(playbook.Again)
	case key.Matches(msg, k.Hard):
		return d.rate(playbook.Hard)
	case key.Matches(msg, k.Good):
		return d.rate(playbook.Good)
	case key.Matches(msg, k.Easy):
		return d.rate(playbook.Easy)
	case key.Matches(msg, k.Accept):
		r := d.result.Suggested
		if !r.Valid() || d.revealed {
			r = playbook.Again
		}
		return d.rate(r)
	case key.Matches(msg, k.Dispute):
		return d.askDispute()
	case key.Matches(msg, k.Feedback):
		d.phase = phaseFeedback
		d.feedback.Reset()
		return tea.Batch(d.feedback.Focus(), d.Layout())
	case key.Matches(msg, k.Up):
		d.vp.ScrollUp(3)
	case key.Matches(msg, k.Down):
		d.vp.ScrollDown(3)
	}
	return nil
}

// rate records the attempt in a command; the next card shows only once the
// store has committed it.
func (d *drillScreen) rate(r playbook.Rating) tea.Cmd {
	if d.saving {
		return nil
	}
	d.saving = true
	d.rated = r
	d.c.setStatus("Saving…")
	eng, c, a, res, cram := d.c.eng, d.card(), d.answer, d.result, d.sel.Cram
	took := d.c.now().Sub(d.shown)
	session := d.session
	return func() tea.Msg {
		out, err := eng.Record(c, a, res, r, cram, took)
		return recordedMsg{session: session, out: out, err: err}
	}
}

func (d *drillScreen) onRecorded(msg recordedMsg) tea.Cmd {
	if msg.session != d.session {
		return nil
	}
	d.saving = false
	if msg.err != nil {
		if playbook.ErrorCode(msg.err) == playbook.EMoved {
			// The answer is kept, elsewhere: the message says where.
			d.c.setError(cleanLine(msg.err.Error()))
			return nil
		}
		d.c.setError("Not saved: " + cleanLine(msg.err.Error()) + " (rate again to retry, esc to stop)")
		return nil
	}
	d.c.setStatus("")
	disputed := d.recordedDispute(msg.out)
	d.answered++
	d.scoreSum += msg.out.Attempt.Score
	if s := msg.out.Completed; s != nil {
		d.completed = append(d.completed, cleanLine(s.Title))
	}
	if s := msg.out.Opened; s != nil {
		d.opened = append(d.opened, cleanLine(s.Title))
	}
	if d.phase == phaseSummary {
		return tea.Batch(disputed, loadProgressCmd(d.c.gen, d.c.eng))
	}
	// A card rated Again comes back later in the session, a few times at
	// most.
	if c := d.card(); d.rated == playbook.Again && d.returns[c.ID] < drill.MaxReturns {
		d.returns[c.ID]++
		d.cards = drill.Requeue(d.cards, d.i)
	}
	if msg.out.Opened != nil {
		// The opened step's cards follow when the session flows; the
		// progress tells the next-step offer that it is open.
		return tea.Batch(disputed, loadProgressCmd(d.c.gen, d.c.eng), d.next())
	}
	return tea.Batch(disputed, d.next())
}

func (d *drillScreen) feedbackKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, d.fkeys.Cancel):
		d.phase = phaseGraded
		d.feedback.Blur()
		return d.Layout()
	case key.Matches(msg, d.fkeys.Save):
		text := strings.TrimSpace(d.feedback.Value())
		d.phase = phaseGraded
		d.feedback.Blur()
		if text == "" {
			return d.Layout()
		}
		eng, c, session := d.c.eng, d.card(), d.session
		d.c.setStatus("Saving feedback…")
		return tea.Batch(d.Layout(), func() tea.Msg {
			return feedbackSavedMsg{session: session, err: eng.Feedback(c, text)}
		})
	}
	var cmd tea.Cmd
	d.feedback, cmd = d.feedback.Update(msg)
	return cmd
}

func (d *drillScreen) onFeedbackSaved(msg feedbackSavedMsg) tea.Cmd {
	if msg.err != nil {
		d.c.setError("Feedback not saved: " + cleanLine(msg.err.Error()))
		return nil
	}
	d.c.setStatus("Thanks: feedback saved for the playbook's authors.")
	return nil
}

// end finishes the session and refreshes progress for the summary.
func (d *drillScreen) end() tea.Cmd {
	d.phase = phaseSummary
	d.typed.Blur()
	d.feedback.Blur()
	return loadProgressCmd(d.c.gen, d.c.eng)
}

// rebind points the session's cards at the reloaded playbook's versions,
// keeping cards the edit removed as they were. A card being answered whose
// options changed starts its picks afresh; typed text is kept.
func (d *drillScreen) rebind() {
	if len(d.cards) == 0 {
		return
	}
	byID := map[string]*playbook.Card{}
	for _, c := range d.c.book.Cards() {
		byID[c.ID] = c
	}
	for i, c := range d.cards {
		nc, ok := byID[c.ID]
		if !ok {
			continue
		}
		d.cards[i] = nc
		if i == d.i && d.phase == phaseAnswer && nc.Hash != c.Hash {
			d.present(nc)
		}
	}
}
