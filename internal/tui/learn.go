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
	stepID string
	top    string // the pinned part, built in layout so View stays cheap
	vp     viewport.Model
	keys   learnKeys
	width  int
}

func newLearnScreen(g globalKeys) learnScreen {
	return learnScreen{vp: viewport.New(), keys: newLearnKeys(g)}
}

func (l *learnScreen) keyMap() help.KeyMap { return l.keys }
func (l *learnScreen) typing() bool        { return false }

func (l *learnScreen) open(m *Model, stepID string) tea.Cmd {
	l.stepID = stepID
	l.vp.GotoTop()
	return m.goTo(screenLearn)
}

func (l *learnScreen) step(m *Model) (*playbook.Step, bool) {
	if m.book == nil {
		return nil, false
	}
	return m.book.Step(l.stepID)
}

func renderID(s *playbook.Step) string { return "step:" + s.ID }

// layout sizes the pinned part and the viewport and asks for the step's
// rendering at the new width.
func (l *learnScreen) layout(m *Model) tea.Cmd {
	s, ok := l.step(m)
	if !ok {
		return nil
	}
	l.width = min(m.width, 100)
	l.top = l.pinned(m, s, l.width)
	l.vp.SetWidth(m.width)
	l.vp.SetHeight(max(m.bodyHeight()-lipgloss.Height(l.top)-1, 1))
	l.refresh(m)
	return m.requestRender(renderID(s), s.Prose, l.width)
}

// refresh puts the cached rendering (or a placeholder) in the viewport.
func (l *learnScreen) refresh(m *Model) {
	s, ok := l.step(m)
	if !ok {
		return
	}
	if out, ok := m.renderedText(renderID(s), l.width); ok {
		l.vp.SetContent(strings.TrimRight(out, "\n"))
		return
	}
	l.vp.SetContent(m.st.faint.Render("Rendering…"))
}

func (l *learnScreen) pinned(m *Model, s *playbook.Step, width int) string {
	st := m.st
	sp := m.stepProg[s.ID]
	glyph, label := sp.Status.Mark(), sp.Status.Label()
	proc := s.Process
	if p, ok := m.book.Process(s.Process); ok {
		proc = p.Title
	}
	head := st.faint.Render(cleanLine(proc)+" › ") + st.header.Render(cleanLine(s.Title))
	if label != "" {
		head += "  " + glyph + " " + st.faint.Render(label)
	}
	head = ansiOneLine(head, width)
	if sp.Status == drill.StatusLocked {
		// On its own line, so a narrow terminal does not cut off what the
		// rep most needs to know here.
		for _, l := range wrap("Opens "+opensWhen(m, s.ID)+".", width) {
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

func (l *learnScreen) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, l.keys.Back):
		return m.goTo(screenHome)
	case key.Matches(msg, l.keys.Drill):
		s, ok := l.step(m)
		if !ok {
			return nil
		}
		if m.stepProg[s.ID].Status == drill.StatusLocked {
			m.setStatus("This step is locked; it opens " + opensWhen(m, s.ID) + ".")
			return nil
		}
		return m.drill.start(m, "Drill: "+cleanLine(s.Title), drill.Selection{Step: s.ID})
	default:
		l.keys.scroll(&l.vp, msg)
	}
	return nil
}

func (l *learnScreen) other(m *Model, msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	l.vp, cmd = l.vp.Update(msg)
	return cmd
}

func (l *learnScreen) view(m *Model, width, height int) string {
	if _, ok := l.step(m); !ok {
		return m.st.faint.Render("This step is no longer in the playbook. Press esc to go back.")
	}
	return l.top + "\n\n" + l.vp.View()
}

// opensWhen names the step a locked step waits for.
func opensWhen(m *Model, id string) string {
	var prev *playbook.Step
	for _, s := range m.book.Steps() {
		if s.ID == id {
			break
		}
		prev = s
	}
	if prev == nil {
		return "when the step before it is done"
	}
	return "when “" + cleanLine(prev.Title) + "” is done"
}
