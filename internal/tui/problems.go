package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/words"
)

// problemsScreen shows the errors of the playbook on disk after an edit,
// over the screen the rep was on, until the playbook loads again or the rep
// hides them.
type problemsScreen struct {
	c        *common
	problems []string
	top      int // the first problem line shown
	height   int
	keys     problemsKeys
}

func newProblemsScreen(c *common) *problemsScreen {
	return &problemsScreen{c: c, keys: newProblemsKeys(c.keys)}
}

// show replaces the problems shown.
func (p *problemsScreen) show(problems []string) {
	p.problems, p.top = problems, 0
}

// KeyMap offers ↓ and ↑ only where they scroll the list.
func (p *problemsScreen) KeyMap() help.KeyMap {
	k := p.keys
	k.atTop, k.atBottom = p.top == 0, p.top >= p.last()
	return k
}
func (p *problemsScreen) Typing() bool { return false }

func (p *problemsScreen) Layout() tea.Cmd {
	p.height = p.c.bodyHeight(p.keys)
	return nil
}

func (p *problemsScreen) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	page := max(p.height-problemsChrome-1, 1)
	switch {
	case key.Matches(k, p.keys.Hide):
		return navigate(hideProblemsMsg{})
	case key.Matches(k, p.keys.Quit):
		return navigate(quitMsg{})
	case key.Matches(k, p.keys.Up):
		p.scroll(-1)
	case key.Matches(k, p.keys.Down):
		p.scroll(1)
	case key.Matches(k, p.keys.PageUp):
		p.scroll(-page)
	case key.Matches(k, p.keys.PageDown):
		p.scroll(page)
	}
	return nil
}

// problemsChrome is the lines above the problems: a heading, a hint and a
// blank line.
const problemsChrome = 3

func (p *problemsScreen) lines(width int) []string {
	var lines []string
	for _, pr := range p.problems {
		lines = append(lines, wrap(cleanLine(pr), width)...)
	}
	return lines
}

func (p *problemsScreen) scroll(n int) {
	p.top = min(max(p.top+n, 0), p.last())
}

// last is the farthest the list scrolls: its last line at the bottom.
func (p *problemsScreen) last() int {
	return max(len(p.lines(p.c.width))-(p.height-problemsChrome-1), 0)
}

func (p *problemsScreen) View(width, height int) string {
	st := p.c.st
	out := []string{
		st.warn.Render("The playbook has problems"),
		"Fix them and save: playdrill reloads it on its own.",
		"",
	}
	lines := p.lines(width)
	room := max(height-problemsChrome, 1)
	top := min(p.top, max(len(lines)-1, 0))
	rest := lines[top:]
	if len(rest) > room {
		more := len(rest) - room + 1
		rest = append(rest[:room-1:room-1], st.faint.Render("… and "+words.Count(more, "more line")+" (↓ to scroll); run playdrill lint"))
	}
	return strings.Join(append(out, rest...), "\n")
}
