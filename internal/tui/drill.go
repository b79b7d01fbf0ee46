package tui

import (
	"hash/fnv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/grade"
	"github.com/playdrill/playdrill/internal/playbook"
)

type drillPhase int

const (
	phaseLoading  drillPhase = iota // waiting for the queue
	phaseAnswer                     // the rep answers the card
	phaseGraded                     // graded; waiting for a rating
	phaseFeedback                   // typing feedback on the card
	phaseSummary                    // the session is over
)

// drillScreen runs one session: a queue of cards, one at a time.
type drillScreen struct {
	session int
	title   string
	sel     drill.Selection
	cards   []*playbook.Card
	i       int
	phase   drillPhase
	shown   time.Time // when the card appeared, for the attempt's duration

	input  textarea.Model
	cursor int
	picked []bool
	order  []int // the rep's arrangement: indexes into Card.Items

	answer grade.Answer
	result grade.Result
	saving bool
	vp     viewport.Model // the graded card: points, never-say, model answer

	feedback textinput.Model

	answered  int
	scoreSum  float64
	completed []string
	opened    []string

	akeys answerKeys
	rkeys rateKeys
	fkeys inputKeys
	skeys summaryKeys
}

// answerLimit is the most characters a typed answer takes, a few hundred
// words. Every key re-wraps the whole answer, so a long one makes each key
// slower than the last: a document pasted by a terminal without bracketed
// paste arrives as one key per character and would keep the app busy for
// minutes.
const answerLimit = 2000

func newDrillScreen(g globalKeys) drillScreen {
	ta := textarea.New()
	ta.Placeholder = "Type your answer…"
	ta.ShowLineNumbers = false
	ta.Prompt = "│ "
	ta.KeyMap.InsertNewline.SetKeys("alt+enter")
	ta.SetHeight(5)
	ta.CharLimit = answerLimit
	fb := textinput.New()
	fb.Prompt = "Feedback: "
	fb.Placeholder = "what doesn't work with prospects?"
	fb.CharLimit = 2000
	return drillScreen{
		input:    ta,
		feedback: fb,
		vp:       viewport.New(),
		akeys:    newAnswerKeys(g),
		rkeys:    newRateKeys(g),
		fkeys:    newInputKeys(g, "save feedback"),
		skeys:    newSummaryKeys(g),
	}
}

func (d *drillScreen) card() *playbook.Card {
	if d.i < len(d.cards) {
		return d.cards[d.i]
	}
	return nil
}

func (d *drillScreen) keyMap() help.KeyMap {
	switch d.phase {
	case phaseAnswer:
		k := d.akeys
		if c := d.card(); c != nil {
			k.typed = c.Kind.Typed()
			k.order = c.Kind == playbook.KindOrder
		}
		return k
	case phaseGraded:
		return d.rkeys
	case phaseFeedback:
		return d.fkeys
	default:
		return d.skeys
	}
}

func (d *drillScreen) typing() bool {
	c := d.card()
	return d.phase == phaseFeedback || (d.phase == phaseAnswer && c != nil && c.Kind.Typed())
}

// start begins a session on the cards sel picks.
func (d *drillScreen) start(m *Model, title string, sel drill.Selection) tea.Cmd {
	m.sessions++
	*d = drillScreen{
		session:  m.sessions,
		title:    title,
		sel:      sel,
		phase:    phaseLoading,
		input:    d.input,
		feedback: d.feedback,
		vp:       d.vp,
		akeys:    d.akeys, rkeys: d.rkeys, fkeys: d.fkeys, skeys: d.skeys,
	}
	return tea.Batch(m.goTo(screenDrill), queueCmd(d.session, m.eng, title, sel))
}

func (d *drillScreen) onQueue(m *Model, msg queueMsg) tea.Cmd {
	if msg.gen != d.session || d.phase != phaseLoading {
		return nil
	}
	if msg.err != nil {
		cmd := m.goTo(screenHome)
		m.setError("Could not start the drill: " + cleanLine(msg.err.Error()))
		return cmd
	}
	if len(msg.cards) == 0 {
		cmd := m.goTo(screenHome)
		if msg.sel.Step != "" {
			m.setStatus("No cards to drill in this step.")
		} else {
			m.setStatus(nothingDue(m))
		}
		return cmd
	}
	d.cards = msg.cards
	return d.show(m, 0)
}

// nothingDue is the note for an empty queue: when the next review falls
// due when one is scheduled, since a card rated "again" comes back within
// minutes, not tomorrow.
func nothingDue(m *Model) string {
	if m.progOK && !m.prog.NextDue.IsZero() {
		return "Nothing due now; next review " + nextReview(m.now(), m.prog.NextDue) + ". Enter opens a step to learn it."
	}
	return "Nothing due today. Open a step with enter to learn it, or come back tomorrow."
}

// show puts card i in front of the rep.
func (d *drillScreen) show(m *Model, i int) tea.Cmd {
	d.i = i
	d.phase = phaseAnswer
	d.shown = m.now()
	d.cursor = 0
	d.answer = grade.Answer{}
	d.result = grade.Result{}
	c := d.card()
	d.picked = make([]bool, len(c.Options))
	d.order = shuffled(c)
	d.input.Reset()
	var cmd tea.Cmd
	if c.Kind.Typed() {
		cmd = d.input.Focus()
	} else {
		d.input.Blur()
	}
	return tea.Batch(cmd, d.layout(m))
}

// shuffled returns a fixed, card-dependent arrangement of an order card's
// items that is never already in order (so the rep has to do the work) and
// is the same every time the card shows (so tests and screenshots hold).
func shuffled(c *playbook.Card) []int {
	n := len(c.Items)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if n < 2 {
		return order
	}
	h := fnv.New32a()
	h.Write([]byte(c.ID))
	seed := h.Sum32()
	for i := n - 1; i > 0; i-- {
		seed = seed*1664525 + 1013904223
		j := int(seed % uint32(i+1))
		order[i], order[j] = order[j], order[i]
	}
	inOrder := true
	for i, v := range order {
		if v != i {
			inOrder = false
		}
	}
	if inOrder {
		order[0], order[1] = order[1], order[0]
	}
	return order
}

func (d *drillScreen) layout(m *Model) tea.Cmd {
	w := min(m.width-2, 100)
	d.input.SetWidth(w)
	d.feedback.SetWidth(w - 12)
	if d.phase == phaseGraded || d.phase == phaseFeedback {
		d.vp.SetWidth(m.width)
		d.vp.SetHeight(max(m.bodyHeight()-d.gradedChrome(), 3))
		d.refresh(m)
		if c := d.card(); c != nil && c.Answer != "" {
			return m.requestRender(answerID(c), c.Answer, w)
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

func (d *drillScreen) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	switch d.phase {
	case phaseAnswer:
		return d.answerKey(m, msg)
	case phaseGraded:
		return d.rateKey(m, msg)
	case phaseFeedback:
		return d.feedbackKey(m, msg)
	case phaseSummary, phaseLoading:
		if key.Matches(msg, d.skeys.Home) {
			return m.goTo(screenHome)
		}
	}
	return nil
}

func (d *drillScreen) other(m *Model, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch {
	case d.phase == phaseAnswer && d.card() != nil && d.card().Kind.Typed():
		// Pastes and cursor blinks belong to the text area.
		d.input, cmd = d.input.Update(msg)
	case d.phase == phaseFeedback:
		d.feedback, cmd = d.feedback.Update(msg)
	}
	return cmd
}

func (d *drillScreen) answerKey(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	c := d.card()
	k := d.akeys
	if key.Matches(msg, k.End) {
		return d.end(m)
	}
	if c.Kind.Typed() {
		if key.Matches(msg, k.Submit) {
			if strings.TrimSpace(d.input.Value()) == "" {
				m.setStatus("Type an answer first (alt+enter for a new line).")
				return nil
			}
			return d.submit(m, grade.Answer{Text: d.input.Value()})
		}
		if msg.Text != "" && d.input.Length() >= d.input.CharLimit {
			// The answer is full: the key changes nothing, not even the
			// screen, so the rest of such a paste goes by quickly.
			m.sameFrame = true
			return nil
		}
		var cmd tea.Cmd
		d.input, cmd = d.input.Update(msg)
		return cmd
	}
	n := len(c.Options)
	if c.Kind == playbook.KindOrder {
		n = len(c.Items)
	}
	switch {
	case key.Matches(msg, k.MoveUp) && c.Kind == playbook.KindOrder:
		if d.cursor > 0 {
			d.order[d.cursor], d.order[d.cursor-1] = d.order[d.cursor-1], d.order[d.cursor]
			d.cursor--
		}
	case key.Matches(msg, k.MoveDown) && c.Kind == playbook.KindOrder:
		if d.cursor < n-1 {
			d.order[d.cursor], d.order[d.cursor+1] = d.order[d.cursor+1], d.order[d.cursor]
			d.cursor++
		}
	case key.Matches(msg, k.Up):
		d.cursor = max(d.cursor-1, 0)
	case key.Matches(msg, k.Down):
		d.cursor = min(d.cursor+1, max(n-1, 0))
	case key.Matches(msg, k.Toggle) && c.Kind != playbook.KindOrder:
		if d.cursor < len(d.picked) {
			d.picked[d.cursor] = !d.picked[d.cursor]
		}
	case key.Matches(msg, k.Number) && c.Kind != playbook.KindOrder:
		d.pickNumber(c, int(msg.String()[0]-'1'))
	case key.Matches(msg, k.Submit):
		return d.submit(m, d.pickAnswer(c))
	}
	return nil
}

// pickNumber picks option i by its number, as --plain's numbers do: on a
// card with several right answers it toggles the option, on the others it
// picks that one alone. The cursor follows.
func (d *drillScreen) pickNumber(c *playbook.Card, i int) {
	if i < 0 || i >= len(d.picked) {
		return
	}
	d.cursor = i
	if len(c.Correct) > 1 {
		d.picked[i] = !d.picked[i]
		return
	}
	for j := range d.picked {
		d.picked[j] = j == i
	}
}

// pickAnswer is the answer of a choice, classify or order card. With no
// option toggled, enter picks the one under the cursor.
func (d *drillScreen) pickAnswer(c *playbook.Card) grade.Answer {
	if c.Kind == playbook.KindOrder {
		return grade.Answer{Picks: append([]int(nil), d.order...)}
	}
	var picks []int
	for i, p := range d.picked {
		if p {
			picks = append(picks, i)
		}
	}
	if len(picks) == 0 && d.cursor < len(c.Options) {
		picks = []int{d.cursor}
	}
	return grade.Answer{Picks: picks}
}

// submit grades the answer (pure and fast, so here) and asks for the model
// answer's rendering (slow, so in a command).
func (d *drillScreen) submit(m *Model, a grade.Answer) tea.Cmd {
	c := d.card()
	d.answer = a
	d.result = m.eng.Grade(c, a)
	d.phase = phaseGraded
	d.input.Blur()
	d.vp.GotoTop()
	return d.layout(m)
}

func (d *drillScreen) rateKey(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	k := d.rkeys
	switch {
	case key.Matches(msg, k.End):
		return d.end(m)
	case key.Matches(msg, k.Again):
		return d.rate(m, playbook.Again)
	case key.Matches(msg, k.Hard):
		return d.rate(m, playbook.Hard)
	case key.Matches(msg, k.Good):
		return d.rate(m, playbook.Good)
	case key.Matches(msg, k.Easy):
		return d.rate(m, playbook.Easy)
	case key.Matches(msg, k.Accept):
		r := d.result.Suggested
		if !r.Valid() {
			r = playbook.Again
		}
		return d.rate(m, r)
	case key.Matches(msg, k.Feedback):
		d.phase = phaseFeedback
		d.feedback.Reset()
		return tea.Batch(d.feedback.Focus(), d.layout(m))
	case key.Matches(msg, k.Up):
		d.vp.ScrollUp(3)
	case key.Matches(msg, k.Down):
		d.vp.ScrollDown(3)
	}
	return nil
}

// rate records the attempt in a command; the next card shows only once the
// store has committed it.
func (d *drillScreen) rate(m *Model, r playbook.Rating) tea.Cmd {
	if d.saving {
		return nil
	}
	d.saving = true
	m.setStatus("Saving…")
	eng, c, a, res, cram := m.eng, d.card(), d.answer, d.result, d.sel.Cram
	took := m.now().Sub(d.shown)
	session := d.session
	return func() tea.Msg {
		out, err := eng.Record(c, a, res, r, cram, took)
		return recordedMsg{session: session, out: out, err: err}
	}
}

func (d *drillScreen) onRecorded(m *Model, msg recordedMsg) tea.Cmd {
	if msg.session != d.session {
		return nil
	}
	d.saving = false
	if msg.err != nil {
		m.setError("Not saved: " + cleanLine(msg.err.Error()) + " (rate again to retry, esc to stop)")
		return nil
	}
	m.setStatus("")
	d.answered++
	d.scoreSum += msg.out.Attempt.Score
	if s := msg.out.Completed; s != nil {
		d.completed = append(d.completed, cleanLine(s.Title))
	}
	if s := msg.out.Opened; s != nil {
		d.opened = append(d.opened, cleanLine(s.Title))
	}
	if d.phase == phaseSummary {
		return loadProgressCmd(m.gen, m.eng)
	}
	if d.i+1 < len(d.cards) {
		return d.show(m, d.i+1)
	}
	return d.end(m)
}

func (d *drillScreen) feedbackKey(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, d.fkeys.Cancel):
		d.phase = phaseGraded
		d.feedback.Blur()
		return d.layout(m)
	case key.Matches(msg, d.fkeys.Save):
		text := strings.TrimSpace(d.feedback.Value())
		d.phase = phaseGraded
		d.feedback.Blur()
		if text == "" {
			return d.layout(m)
		}
		eng, c, session := m.eng, d.card(), d.session
		m.setStatus("Saving feedback…")
		return tea.Batch(d.layout(m), func() tea.Msg {
			return feedbackSavedMsg{session: session, err: eng.Feedback(c, text)}
		})
	}
	var cmd tea.Cmd
	d.feedback, cmd = d.feedback.Update(msg)
	return cmd
}

func (d *drillScreen) onFeedbackSaved(m *Model, msg feedbackSavedMsg) tea.Cmd {
	if msg.err != nil {
		m.setError("Feedback not saved: " + cleanLine(msg.err.Error()))
		return nil
	}
	m.setStatus("Thanks: feedback saved for the playbook's authors.")
	return nil
}

// end finishes the session and refreshes progress for the summary.
func (d *drillScreen) end(m *Model) tea.Cmd {
	d.phase = phaseSummary
	d.input.Blur()
	d.feedback.Blur()
	return loadProgressCmd(m.gen, m.eng)
}

// rebind points the session's cards at the reloaded playbook's versions,
// keeping cards the edit removed as they were. A card being answered whose
// options changed starts its picks afresh; typed text is kept.
func (d *drillScreen) rebind(m *Model) {
	if len(d.cards) == 0 {
		return
	}
	byID := map[string]*playbook.Card{}
	for _, c := range m.book.Cards() {
		byID[c.ID] = c
	}
	for i, c := range d.cards {
		nc, ok := byID[c.ID]
		if !ok {
			continue
		}
		d.cards[i] = nc
		if i == d.i && d.phase == phaseAnswer && nc.Hash != c.Hash {
			d.picked = make([]bool, len(nc.Options))
			d.order = shuffled(nc)
			d.cursor = 0
		}
	}
}
