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
)

// learnScreen shows one step as its author wrote it, with its result and
// done-when criteria pinned above the scrolling text.
type learnScreen struct {
	c      *common
	stepID string
	top    string // the pinned part, built in layout so View stays cheap
	vp     viewport.Model
	keys   learnKeys
	width  int
}

func newLearnScreen(c *common) *learnScreen {
	return &learnScreen{c: c, vp: viewport.New(), keys: newLearnKeys(c.keys)}
}

func (l *learnScreen) KeyMap() help.KeyMap { return l.keys }
func (l *learnScreen) Typing() bool        { return false }

func (l *learnScreen) step() (*playbook.Step, bool) {
	if l.c.book == nil {
		return nil, false
	}
	return l.c.book.Step(l.stepID)
}

func renderID(s *playbook.Step) string { return "step:" + s.ID }

// layout sizes the pinned part and the viewport and asks for the step's
// rendering at the new width.
func (l *learnScreen) Layout() tea.Cmd {
	s, ok := l.step()
	if !ok {
		return nil
	}
	l.width = min(l.c.width, 100)
	l.top = l.pinned(s, l.width)
	l.vp.SetWidth(l.c.width)
	l.vp.SetHeight(max(l.c.bodyHeight(l.keys)-lipgloss.Height(l.top)-1, 1))
	l.refresh()
	return l.c.requestRender(renderID(s), s.Prose, l.width)
}

// refresh puts the cached rendering (or a placeholder) in the viewport.
func (l *learnScreen) refresh() {
	s, ok := l.step()
	if !ok {
		return
	}
	if out, ok := l.c.renderedText(renderID(s), l.width); ok {
		l.vp.SetContent(strings.TrimRight(out, "\n"))
		return
	}
	l.vp.SetContent(l.c.st.faint.Render("Rendering…"))
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
	if sp.Status == drill.StatusLocked {
		// On its own line, so a narrow terminal does not cut off what the
		// rep most needs to know here.
		for _, l := range wrap("Opens "+l.c.opensWhen(s.ID)+".", width) {
			head += "\n" + st.faint.Render(l)
		}
	}
	inner := width - 4
	body := []string{st.bold.Render("Result")}
	body = append(body, wrap(s.Result, inner)...)
	if len(s.MustMention) > 0 {
		points := make([]string, len(s.MustMention))
		for i, kp := range s.MustMention {
			points[i] = pointText(kp)
		}
		body = append(body, "", st.bold.Render("Key points"))
		body = append(body, wrap(strings.Join(points, " · "), inner)...)
	}
	if len(s.DoneWhen) > 0 {
		body = append(body, "", st.bold.Render("Done when"))
		for _, d := range s.DoneWhen {
			for i, line := range wrap(d, inner-2) {
				if i == 0 {
					body = append(body, "• "+line)
				} else {
					body = append(body, "  "+line)
				}
			}
		}
	}
	box := st.box.Width(width).Render(strings.Join(body, "\n"))
	return head + "\n" + box
}

func (l *learnScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openStepMsg:
		l.stepID = msg.id
		l.vp.GotoTop()
		return nil
	case tea.KeyPressMsg:
		return l.key(msg)
	case renderedMsg:
		l.refresh()
		return nil
	case progressMsg:
		// The pinned part shows the step's status.
		return l.Layout()
	case bookChangedMsg:
		if _, ok := l.step(); !ok {
			return navigate(goHomeMsg{note: "Playbook reloaded; the step you were reading is gone"})
		}
		return nil
	}
	var cmd tea.Cmd
	l.vp, cmd = l.vp.Update(msg)
	return cmd
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
		if sp, _ := l.c.progress.step(s.ID); sp.Status == drill.StatusLocked {
			l.c.setStatus("This step is locked; it opens " + l.c.opensWhen(s.ID) + ".")
			return nil
		}
		return navigate(startDrillMsg{title: "Drill: " + cleanLine(s.Title), sel: drill.Selection{Step: s.ID}})
	default:
		l.keys.scroll(&l.vp, msg)
	}
	return nil
}

func (l *learnScreen) View(width, height int) string {
	if _, ok := l.step(); !ok {
		return l.c.st.faint.Render("This step is no longer in the playbook. Press esc to go back.")
	}
	return l.top + "\n\n" + l.vp.View()
}
