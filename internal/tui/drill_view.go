package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/playdrill/playdrill/internal/playbook"
)

func (d *drillScreen) View(width, height int) string {
	st := d.c.st
	switch d.phase {
	case phaseLoading:
		return st.faint.Render("Preparing " + d.title + "…")
	case phaseSummary:
		return d.summaryView(width)
	case phaseNextStep:
		return d.nextStepView(width)
	}
	c := d.card()
	if c == nil {
		return ""
	}
	parts := []string{d.headerLine(c, width), ""}
	if d.phase == phaseAnswer {
		parts = append(parts, d.promptLines(c, width)...)
		parts = append(parts, "", d.answerView(width))
		return strings.Join(parts, "\n")
	}
	label, prompt := promptLabel(c)
	parts = append(parts, ansiOneLine(st.bold.Render(label)+cleanLine(prompt), width), "")
	parts = append(parts, d.vp.View(), "")
	if d.phase == phaseFeedback {
		// Enter saves the feedback here, so no rating keys are offered;
		// the help line says how to save or cancel.
		parts = append(parts, d.feedback.View())
		return strings.Join(parts, "\n")
	}
	parts = append(parts, d.rateLine())
	return strings.Join(parts, "\n")
}

// headerLine says which process, step and kind of card this is and how far
// through the session the rep is.
func (d *drillScreen) headerLine(c *playbook.Card, width int) string {
	st := d.c.st
	proc, step := d.c.processTitle(c.Process), c.Step
	if d.c.book != nil {
		if s, ok := d.c.book.Step(c.Step); ok {
			step = s.Title
		}
	}
	right := st.accent.Render(string(c.Kind)) + st.faint.Render(" · ") + st.bold.Render("card "+itoa(d.i+1)+" of "+itoa(len(d.cards)))
	if d.sel.Cram {
		right = st.warn.Render("cram") + st.faint.Render(" · ") + right
	}
	left := st.faint.Render(cleanLine(proc)+" › ") + st.header.Render(cleanLine(step))
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+rw+1 > width {
		left = ansiOneLine(left, max(width-rw-1, 1))
		lw = lipgloss.Width(left)
	}
	return left + strings.Repeat(" ", max(width-lw-rw, 1)) + right
}

// promptLabel is how a card's prompt is put: a question, or for an
// objection the prospect's own words, as they would be said on a call.
func promptLabel(c *playbook.Card) (label, prompt string) {
	if c.Kind == playbook.KindObjection {
		return "Prospect: ", "“" + c.Prompt + "”"
	}
	return "Q: ", c.Prompt
}

func (d *drillScreen) promptLines(c *playbook.Card, width int) []string {
	st := d.c.st
	label, prompt := promptLabel(c)
	pad := strings.Repeat(" ", len(label))
	lines := wrap(prompt, min(width, 100)-len(label))
	for i, l := range lines {
		if i == 0 {
			lines[i] = st.bold.Render(label) + st.bold.Render(l)
		} else {
			lines[i] = pad + st.bold.Render(l)
		}
	}
	switch c.Kind {
	case playbook.KindClassify:
		if c.Stem != "" {
			for _, l := range wrap(c.Stem, min(width, 100)) {
				lines = append(lines, st.faint.Render(l))
			}
		} else {
			lines = append(lines, st.faint.Render("Which category is this?"))
		}
	case playbook.KindCloze:
		lines = append(lines, st.faint.Render("Write the words that fill the blank."))
	case playbook.KindObjection:
		lines = append(lines, st.faint.Render("Respond as you would on the call."))
	case playbook.KindOrder:
		lines = append(lines, st.faint.Render("Pick an item with ↑/↓, move it with shift+↑/↓ or K/J, then enter."))
	case playbook.KindChoice:
		if len(c.Correct) > 1 {
			lines = append(lines, st.faint.Render("Pick every right answer with space, then enter."))
		}
	}
	if c.Unwritten() {
		for _, l := range wrap("Not written yet: the playbook's answer to this card is a TODO. Answer as you would, or skip it.", min(width, 100)) {
			lines = append(lines, st.warn.Render(l))
		}
	}
	return lines
}

func (d *drillScreen) answerView(width int) string {
	switch d.kind() {
	case answerTyped:
		return d.typed.View()
	case answerOrder:
		return d.order.View(d.c.st, width)
	}
	return d.pick.View(d.c.st, width)
}

func (d *drillScreen) rateLine() string {
	st := d.c.st
	if d.saving {
		return st.faint.Render("Saving…")
	}
	if d.revealed {
		return st.bold.Render("Answer shown: ") + "recorded as " + st.selected.Render("1 again") + st.faint.Render("   enter = next card")
	}
	sug := d.result.Suggested
	var parts []string
	for r := playbook.Again; r <= playbook.Easy; r++ {
		p := itoa(int(r)) + " " + r.String()
		if r == sug {
			p = st.selected.Render(p)
		}
		parts = append(parts, p)
	}
	// The other keys are on the help line below: one line of keys each.
	return st.bold.Render("Rate ") + strings.Join(parts, "  ") + st.faint.Render("   enter = "+sug.String())
}

// refresh rebuilds the graded view's content: score, points, never-say,
// the rep's answer and the model answer (cached rendering).
func (d *drillScreen) refresh() {
	c := d.card()
	if c == nil || (d.phase != phaseGraded && d.phase != phaseFeedback) {
		return
	}
	st := d.c.st
	w := min(d.c.width-2, 100)
	r := d.result
	// Passed is the engine's pass mark; under it, a score that missed
	// more than half is bad, the rest nearly there.
	scoreStyle := st.good
	if r.Score < 0.5 {
		scoreStyle = st.bad
	} else if !r.Passed {
		scoreStyle = st.warn
	}
	lines := []string{st.bold.Render("Score ") + scoreStyle.Render(percent(r.Score)) + st.faint.Render("   suggested: "+r.Suggested.String())}
	unwritten := c.Unwritten()
	if unwritten {
		lines = append(lines, "")
		for _, l := range wrap("Not written yet: the playbook's answer to this card is a TODO, so any answer counts until it is written.", w) {
			lines = append(lines, st.warn.Render(l))
		}
	}
	if len(r.Points) > 0 && !unwritten {
		lines = append(lines, "", st.bold.Render("Key points"))
		for _, p := range r.Points {
			if p.Hit {
				hit := st.good.Render("✓ ") + pointText(p.Point)
				if len(p.Words) > 0 {
					hit += st.faint.Render("  (" + cleanLine(strings.Join(p.Words, " ")) + ")")
				}
				lines = append(lines, hit)
			} else {
				lines = append(lines, st.bad.Render("✗ ")+pointText(p.Point)+st.faint.Render("  missed"))
			}
		}
	}
	if len(r.NeverSaid) > 0 {
		lines = append(lines, "", st.warn.Render("Never say"))
		for _, n := range r.NeverSaid {
			lines = append(lines, st.bad.Render("⚠ ")+"you said “"+cleanLine(n)+"”")
		}
	}
	lines = append(lines, d.choiceReview(c)...)
	if d.answer.Text != "" {
		lines = append(lines, "", st.bold.Render("Your answer"))
		lines = append(lines, wrap(d.answer.Text, w)...)
	}
	if c.Why != "" {
		lines = append(lines, "", st.bold.Render("Why"))
		lines = append(lines, wrap(c.Why, w)...)
	}
	if c.Answer != "" {
		title := st.bold.Render("Model answer")
		if unwritten {
			title += st.faint.Render(" (not written yet)")
		}
		lines = append(lines, "", title)
		if out, ok := d.c.renderedText(answerID(c), w); ok {
			lines = append(lines, trimBlankLines(out))
		} else {
			lines = append(lines, st.faint.Render("Rendering…"))
		}
	}
	d.vp.SetContent(strings.Join(lines, "\n"))
}

// choiceReview marks the right options, or shows the right order, against
// what the rep picked.
func (d *drillScreen) choiceReview(c *playbook.Card) []string {
	st := d.c.st
	switch c.Kind {
	case playbook.KindChoice, playbook.KindClassify:
		correct := map[int]bool{}
		for _, i := range c.Correct {
			correct[i] = true
		}
		picked := map[int]bool{}
		for _, i := range d.answer.Picks {
			picked[i] = true
		}
		lines := []string{"", st.bold.Render("Options")}
		// In the order the rep saw them.
		for _, i := range d.pick.order {
			if i >= len(c.Options) {
				continue
			}
			o := c.Options[i]
			mark := "  "
			switch {
			case correct[i] && picked[i]:
				mark = st.good.Render("✓ ")
			case correct[i]:
				mark = st.good.Render("→ ")
			case picked[i]:
				mark = st.bad.Render("✗ ")
			}
			note := ""
			if picked[i] {
				note = st.faint.Render("  your pick")
			}
			lines = append(lines, mark+cleanLine(o)+note)
		}
		return lines
	case playbook.KindOrder:
		// The rep's own order, each place marked; the model answer below
		// gives the right one.
		lines := []string{"", st.bold.Render("Your order")}
		for i, pick := range d.answer.Picks {
			if pick < 0 || pick >= len(c.Items) {
				continue
			}
			mark := st.good.Render("✓ ")
			if pick != i {
				mark = st.bad.Render("✗ ")
			}
			lines = append(lines, mark+itoa(i+1)+". "+cleanLine(c.Items[pick]))
		}
		return lines
	}
	return nil
}

func (d *drillScreen) summaryView(width int) string {
	st := d.c.st
	label := func(s string) string { return st.bold.Render(padRight(s, 18)) }
	avg := 0.0
	if d.answered > 0 {
		avg = d.scoreSum / float64(d.answered)
	}
	lines := []string{
		st.header.Render("Session over") + st.faint.Render(" · "+d.title),
		"",
		label("Cards answered") + itoa(d.answered) + st.faint.Render(" of "+itoa(len(d.cards))),
	}
	if d.answered > 0 {
		lines = append(lines, label("Average score")+percent(avg))
	}
	done := "none this time"
	if len(d.completed) > 0 {
		done = strings.Join(d.completed, ", ")
	}
	lines = append(lines, label("Steps completed")+done)
	if len(d.opened) > 0 {
		lines = append(lines, label("Steps opened")+strings.Join(d.opened, ", "))
	}
	if p := d.c.progress; p.ok {
		next := itoa(p.all.Due) + " due · " + itoa(p.all.New) + " new"
		if !p.all.NextDue.IsZero() {
			next += " · next review " + nextReview(d.c.now(), p.all.NextDue)
		}
		lines = append(lines, label("Due next")+next)
		// A line of its own: a step title is too long to share one.
		if s := p.nextStep(); s != "" {
			lines = append(lines, label("Next step")+s)
		}
	}
	if d.saving {
		lines = append(lines, "", st.faint.Render("Saving the last answer…"))
	}
	for i, l := range lines {
		lines[i] = ansiOneLine(l, width)
	}
	return strings.Join(lines, "\n")
}

// nextStepView offers the step that opened during the session: drill it
// now, or read it first.
func (d *drillScreen) nextStepView(width int) string {
	st := d.c.st
	c := d.card()
	if c == nil || d.c.book == nil {
		return ""
	}
	s, ok := d.c.book.Step(c.Step)
	if !ok {
		return ""
	}
	w := min(width, 100)
	lines := []string{ansiOneLine(st.header.Render("Step opened: ")+st.bold.Render(cleanLine(s.Title)), width), ""}
	for _, l := range wrap("You finished the step before it, so this one opened; the session goes on with it.", w) {
		lines = append(lines, st.faint.Render(l))
	}
	lines = append(lines, "", st.bold.Render("Its result"))
	lines = append(lines, wrap(s.Result, w)...)
	lines = append(lines, "")
	lines = append(lines, wrap("You have not read it yet: l reads it first, enter drills it now.", w)...)
	return strings.Join(lines, "\n")
}
