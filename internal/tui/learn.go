package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
)

// learnScreen shows one step as one page that scrolls as a whole: the
// step's result, key points and done-when box, then its text in the
// playbook's words (never its syntax), with a footer naming the step's id
// and how far down the page the rep is.
type learnScreen struct {
	c      *common
	stepID string
	top    string // the box and heading, built in Layout so View stays cheap
	vp     viewport.Model
	keys   learnKeys
	width  int
	// today: the rep came here from today's drill to read the step first,
	// so d goes on with today's drill.
	today bool
}

func newLearnScreen(c *common) *learnScreen {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	return &learnScreen{c: c, vp: vp, keys: newLearnKeys(c.keys)}
}

// KeyMap offers the page's moves only where they move it: down while
// there is more below, up once at the end, neither when all is shown.
func (l *learnScreen) KeyMap() help.KeyMap {
	k := l.keys
	k.at(&l.vp)
	return k
}
func (l *learnScreen) Typing() bool { return false }

// Scrollable reports whether the page is longer than the screen, so the
// mouse wheel is worth taking from the terminal.
func (l *learnScreen) Scrollable() bool { return l.vp.TotalLineCount() > l.vp.Height() }

func (l *learnScreen) step() (*playbook.Step, bool) {
	if l.c.book == nil {
		return nil, false
	}
	return l.c.book.Step(l.stepID)
}

func renderID(s *playbook.Step) string { return "learn:" + s.ID }

// Layout builds the box, sizes the page and asks for the step's text
// rendered at the new width.
func (l *learnScreen) Layout() tea.Cmd {
	s, ok := l.step()
	if !ok {
		return nil
	}
	l.width = min(l.c.width, 100)
	sp, _ := l.c.progress.step(s.ID)
	// Today's drill never refuses; a step's own drill does while it is
	// locked, so it is not offered then.
	l.keys.Drill.SetEnabled(l.today || sp.Status != drill.StatusLocked)
	if l.today {
		l.keys.Drill.SetHelp("d", "drill it")
	} else {
		l.keys.Drill.SetHelp("d", "drill this step")
	}
	l.top = l.pinned(s, l.width)
	l.vp.SetWidth(l.c.width)
	l.vp.SetHeight(max(l.c.bodyHeight(l.keys)-1, 1))
	l.refresh()
	return l.c.requestRender(renderID(s), render.ForReps(learnText(l.c.book, s)), l.width)
}

// learnText is the markdown the learn screen shows for s: its prose, after
// what its file says before any heading and its process's introduction
// when s is its process's first step, so that no text of the playbook
// goes unseen.
func learnText(book *playbook.Playbook, s *playbook.Step) string {
	proc, ok := book.Process(s.Process)
	if !ok || len(proc.Steps) == 0 || proc.Steps[0] != s {
		return s.Prose
	}
	var parts []string
	for _, p := range []string{proc.Preface, proc.Intro, s.Prose} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "\n\n")
}

// refresh puts the page (with the cached rendering, or a placeholder) in
// the viewport, keeping the rep's place.
func (l *learnScreen) refresh() {
	s, ok := l.step()
	if !ok {
		return
	}
	text, ok := l.c.renderedText(renderID(s), l.width)
	if !ok {
		text = l.c.st.faint.Render("Rendering…")
	}
	y := l.vp.YOffset()
	l.vp.SetContent(l.top + "\n" + strings.TrimRight(text, "\n"))
	l.vp.SetYOffset(y)
}

// footer names the step's id (what `drill --step` and `show` take) and
// where on the page the rep is.
func (l *learnScreen) footer(s *playbook.Step, width int) string {
	return pageFooter(&l.vp, l.c.st, l.c.st.faint.Render("step id ")+cleanLine(s.ID), width)
}

// pageFooter is a scrolling page's last line: left, then where on the page
// the rep is ("lines 1–19 of 52 · ↓ more below", "… · end", "all shown").
func pageFooter(vp *viewport.Model, st styles, left string, width int) string {
	total, first := vp.TotalLineCount(), vp.YOffset()+1
	last := min(first+vp.Height()-1, total)
	pos := "all shown"
	if total > vp.Height() {
		pos = "lines " + itoa(first) + "–" + itoa(last) + " of " + itoa(total)
		if vp.AtBottom() {
			pos += " · end"
		} else {
			pos += " · ↓ more below"
		}
	}
	right := st.faint.Render(pos)
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		return ansiOneLine(right, width)
	}
	return left + strings.Repeat(" ", gap) + right
}

func (l *learnScreen) pinned(s *playbook.Step, width int) string {
	st := l.c.st
	sp, _ := l.c.progress.step(s.ID)
	glyph, label := sp.Status.Mark(), sp.Status.Label()
	proc := l.c.processTitle(s.Process)
	head := st.faint.Render(cleanLine(proc)+" › ") + st.header.Render(cleanLine(s.Title))
	if label != "" {
		head += "  " + glyph + " " + st.faint.Render(label)
	}
	head = ansiOneLine(head, width)
	if l.today {
		head += "\n" + st.accent.Render(ansiOneLine("New to you: read it, then d starts today's drill.", width))
	}
	if sp.Status == drill.StatusLocked {
		// On its own line, so a narrow terminal does not cut off what the
		// rep most needs to know here.
		for _, l := range wrap("Opens "+l.c.opensWhen(s.ID)+".", width) {
			head += "\n" + st.faint.Render(l)
		}
	}
	inner := width - 4
	var body []string
	switch {
	case s.Result != "":
		result := st.bold.Render("Result")
		if playbook.IsTODO(s.Result) {
			result += st.faint.Render(" (not written yet)")
		}
		body = append(body, result)
		body = append(body, wrap(s.Result, inner)...)
	case s.Reference:
		body = append(body, st.bold.Render("Reference"))
		body = append(body, wrap("A topic to know and look up: no result to reach, open at any time.", inner)...)
	}
	if len(s.MustMention) > 0 {
		if len(body) > 0 {
			body = append(body, "")
		}
		body = append(body, st.bold.Render("Key points"))
		for _, kp := range s.MustMention {
			body = append(body, bullet(keyPointLine(kp), inner)...)
		}
	}
	if len(s.DoneWhen) > 0 {
		if len(body) > 0 {
			body = append(body, "")
		}
		body = append(body, st.bold.Render("Done when"))
		for _, d := range s.DoneWhen {
			body = append(body, bullet(d, inner)...)
		}
	}
	box := st.box.Width(width).Render(strings.Join(body, "\n"))
	return head + "\n" + box
}

func (l *learnScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openStepMsg:
		l.stepID, l.today = msg.id, msg.today
		l.c.read[msg.id] = true
		l.vp.SetYOffset(0)
		return nil
	case tea.KeyPressMsg:
		return l.key(msg)
	case renderedMsg:
		l.refresh()
		return nil
	case progressMsg:
		// The box shows the step's status.
		return l.Layout()
	case bookChangedMsg:
		if _, ok := l.step(); !ok {
			return navigate(goHomeMsg{note: "Playbook reloaded; the step you were reading is gone"})
		}
		return nil
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		l.vp, cmd = l.vp.Update(msg)
		return cmd
	}
	return nil
}

func (l *learnScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, l.keys.Back):
		return navigate(goHomeMsg{})
	case key.Matches(msg, l.keys.Drill):
		s, ok := l.step()
		if !ok {
			return nil
		}
		if l.today {
			return navigate(startDrillMsg{title: "Today's drill", sel: drill.Selection{}})
		}
		return navigate(startDrillMsg{title: "Drill: " + cleanLine(s.Title), sel: drill.Selection{Step: s.ID}})
	default:
		if !l.keys.scroll(&l.vp, msg) {
			l.c.unchanged = true
		}
	}
	return nil
}

func (l *learnScreen) View(width, height int) string {
	s, ok := l.step()
	if !ok {
		return l.c.st.faint.Render("This step is no longer in the playbook. Press esc to go back.")
	}
	return l.vp.View() + "\n" + l.footer(s, width)
}

// keyPointLine is a key point as a rep reads it: its first wording, then
// the others it may be said with.
func keyPointLine(kp playbook.KeyPoint) string {
	if len(kp.Alternates) == 0 {
		return ""
	}
	line := cleanLine(kp.Alternates[0])
	if len(kp.Alternates) > 1 {
		var rest []string
		for _, a := range kp.Alternates[1:] {
			rest = append(rest, cleanLine(a))
		}
		line += " (or " + strings.Join(rest, ", ") + ")"
	}
	return line
}

// bullet is text as a list item wrapped to width: "• " then lines
// indented under the text.
func bullet(text string, width int) []string {
	var out []string
	for i, line := range wrap(text, width-2) {
		if i == 0 {
			out = append(out, "• "+line)
		} else {
			out = append(out, "  "+line)
		}
	}
	return out
}
