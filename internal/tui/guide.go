package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/drill"
)

// guideScreen explains what the screens show: the step marks, readiness,
// what a session does, and the keys of the screen it was opened over. It
// opens by itself once, for a rep who has never answered a card, and
// from ? anywhere.
type guideScreen struct {
	c       *common
	vp      viewport.Model
	keys    guideKeys
	welcome bool
	// under is the key map of the screen the guide covers.
	under help.KeyMap
}

type guideKeys struct {
	scrollKeys
	Close key.Binding
}

func newGuideScreen(c *common) *guideScreen {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	return &guideScreen{c: c, vp: vp, keys: guideKeys{
		scrollKeys: newScrollKeys(c.keys, ""),
		Close:      key.NewBinding(key.WithKeys("esc", "?", "enter", "q"), key.WithHelp("esc/?", "close")),
	}}
}

func (k guideKeys) ShortHelp() []key.Binding {
	return append(k.moves(), k.Close, k.global.Quit)
}

func (k guideKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

func (g *guideScreen) KeyMap() help.KeyMap {
	k := g.keys
	k.at(&g.vp)
	return k
}
func (g *guideScreen) Typing() bool     { return false }
func (g *guideScreen) Scrollable() bool { return g.vp.TotalLineCount() > g.vp.Height() }

// open shows the guide over a screen with keys under.
func (g *guideScreen) open(under help.KeyMap, welcome bool) tea.Cmd {
	g.under, g.welcome = under, welcome
	g.vp.SetYOffset(0)
	return g.Layout()
}

func (g *guideScreen) Layout() tea.Cmd {
	g.vp.SetWidth(g.c.width)
	g.vp.SetHeight(max(g.c.bodyHeight(g.keys)-1, 1))
	g.vp.SetContent(g.text(min(g.c.width, 100)))
	return nil
}

func (g *guideScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, g.keys.Close) {
			return navigate(closeGuideMsg{})
		}
		if !g.keys.scroll(&g.vp, msg) {
			g.c.unchanged = true
		}
	case tea.MouseWheelMsg:
		g.vp, _ = g.vp.Update(msg)
	}
	return nil
}

func (g *guideScreen) View(width, height int) string {
	return g.vp.View() + "\n" + pageFooter(&g.vp, g.c.st, "", width)
}

// text is the guide, wrapped to width.
func (g *guideScreen) text(width int) string {
	st := g.c.st
	var lines []string
	para := func(s string) { lines = append(lines, wrap(s, width)...) }
	head := func(s string) { lines = append(lines, "", st.header.Render(s)) }
	if g.welcome {
		lines = append(lines, st.title.Render("Welcome to playdrill"))
		para("playdrill drills you on your company's playbook: the steps of the marketing and sales process, the result each step must reach, and what to say when a prospect asks how we are different.")
	} else {
		lines = append(lines, st.title.Render("Help"))
	}
	if g.under != nil && !g.welcome {
		head("Keys here")
		lines = append(lines, strings.Split(g.c.help.FullHelpView(g.under.FullHelp()), "\n")...)
	}
	head("The marks beside each step")
	for _, m := range []struct {
		status drill.Status
		what   string
	}{
		{drill.StatusNew, "open and not drilled yet: read it, then drill it"},
		{drill.StatusInProgress, "some of its cards answered, not all passed"},
		{drill.StatusDone, "every card passed: the step is done"},
		{drill.StatusChanged, "the playbook changed a card you had passed: drill it again"},
		{drill.StatusLocked, "opens when the step before it is done"},
	} {
		label := padRight(m.status.Mark()+" "+m.status.Label(), 15)
		for i, l := range wrap(m.what, max(width-17, 10)) {
			if i > 0 {
				label = strings.Repeat(" ", 15)
			}
			lines = append(lines, "  "+label+l)
		}
	}
	head("Ready " + st.bar(0.4, 10) + " 40%")
	para("How likely you are to recall the step's cards today. It grows as you pass cards and fades between drills, so a few minutes every day keep it up.")
	head("A session")
	for _, s := range []string{
		"d on Home starts today's session: the cards due for review, then the new cards of your open step. A step you have not read opens on its page first.",
		"Type your answer and press enter: it is graded on the step's key points. Then rate how it went, 1 again to 4 easy; enter takes the suggested rating. A card you rate again comes back later in the session.",
		"Don't know it? ctrl+o shows the answer (it counts as again). ctrl+s skips a card. esc ends the session.",
		"When you finish a step the next one opens, and the session goes on with it.",
	} {
		lines = append(lines, bullet(s, width)...)
	}
	return strings.Join(lines, "\n")
}
