package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/words"
)

// progressScreen shows readiness per step and process, a calendar of the
// last weeks' drilling and the weakest cards.
type progressScreen struct {
	c       *common
	vp      viewport.Model
	keys    progressKeys
	loaded  bool
	heat    heatmap
	weakest []drill.CardReport
}

func newProgressScreen(c *common) *progressScreen {
	h := newHeatmap()
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	return &progressScreen{c: c, vp: vp, heat: h, keys: progressKeys{scrollKeys: newScrollKeys(c.keys, "back"), heat: h.keys}}
}

// Scrollable reports whether the page is longer than the screen, so the
// mouse wheel is worth taking from the terminal.
func (p *progressScreen) Scrollable() bool { return p.vp.TotalLineCount() > p.vp.Height() }

func (p *progressScreen) KeyMap() help.KeyMap {
	k := p.keys
	k.at(&p.vp)
	return k
}
func (p *progressScreen) Typing() bool { return false }

func (p *progressScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openProgressMsg:
		p.loaded = false
		p.heat = newHeatmap()
		p.vp.GotoTop()
		return tea.Batch(
			loadProgressCmd(p.c.gen, p.c.eng),
			progressDataCmd(p.c.gen, p.c.eng, p.c.store, p.c.rep, p.c.now()),
		)
	case progressDataMsg:
		return p.onData(msg)
	case progressMsg:
		return p.Layout()
	case tea.KeyPressMsg:
		return p.key(msg)
	case tea.MouseWheelMsg:
		p.vp, _ = p.vp.Update(msg)
	}
	return nil
}

func (p *progressScreen) onData(msg progressDataMsg) tea.Cmd {
	if msg.gen != p.c.gen {
		return nil
	}
	p.loaded = true
	p.heat.SetData(msg.activity, p.c.now())
	p.weakest = msg.weakest
	if msg.err != nil {
		p.c.setError("Could not read all progress: " + cleanLine(msg.err.Error()))
	}
	return p.Layout()
}

func (p *progressScreen) Layout() tea.Cmd {
	p.vp.SetWidth(p.c.width)
	p.vp.SetHeight(max(p.c.bodyHeight(p.keys)-1, 1))
	p.vp.SetContent(p.content())
	return nil
}

func (p *progressScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Back):
		return navigate(goHomeMsg{})
	case p.loaded && p.heat.Update(msg):
		p.vp.SetContent(p.content())
	default:
		p.keys.scroll(&p.vp, msg)
	}
	return nil
}

func (p *progressScreen) View(width, height int) string {
	return p.vp.View() + "\n" + pageFooter(&p.vp, p.c.st, "", width)
}

// content builds the whole progress page; it runs on data or size changes,
// never per frame.
func (p *progressScreen) content() string {
	st := p.c.st
	w := p.c.width
	var lines []string
	if !p.c.progress.ok {
		return st.faint.Render("Loading progress…")
	}
	pr := p.c.progress.all
	lines = append(lines, st.header.Render("Readiness ")+st.bar(pr.Readiness, 20)+" "+percent(pr.Readiness)+
		st.faint.Render("   "+words.Count(pr.Attempts, "answer")+" · "+itoa(pr.Due)+" due · "+itoa(pr.New)+" new"))
	// A narrow terminal gets a shorter bar, so step titles stay readable.
	barW := 20
	if w < 90 {
		barW = 10
	}
	titleW := min(max(w-23-barW, 10), 60)
	for _, pp := range pr.Processes {
		if pp.Process == nil {
			continue
		}
		lines = append(lines, "", st.header.Render(cleanLine(pp.Process.Title))+"  "+st.bar(pp.Readiness, 10)+" "+percent(pp.Readiness)+
			st.faint.Render("  "+itoa(pp.Done)+"/"+itoa(len(pp.Steps))+" steps done"))
		for _, sp := range pp.Steps {
			if sp.Step == nil {
				continue
			}
			glyph, label := sp.Status.Mark(), sp.Status.Label()
			lines = append(lines, "  "+glyph+" "+padRight(cleanLine(sp.Step.Title), titleW)+" "+st.bar(sp.Readiness, barW)+" "+padLeft(percent(sp.Readiness), 4)+" "+st.faint.Render(label))
		}
	}
	lines = append(lines, "", st.header.Render("Last "+itoa(heatWeeks)+" weeks"))
	if p.loaded {
		lines = append(lines, p.heat.View(st)...)
	} else {
		lines = append(lines, st.faint.Render("Loading…"))
	}
	lines = append(lines, "", st.header.Render("Weakest cards"))
	switch {
	case !p.loaded:
		lines = append(lines, st.faint.Render("Loading…"))
	case len(p.weakest) == 0 && pr.Attempts == 0:
		lines = append(lines, st.faint.Render("None yet: answer some cards first."))
	case len(p.weakest) == 0:
		lines = append(lines, st.faint.Render("None: every card you have answered is passed and well remembered."))
	}
	for _, cr := range p.weakest {
		if cr.Card == nil {
			continue
		}
		lines = append(lines, "  "+st.bad.Render(padLeft(percent(cr.State.LastScore), 4))+" "+cleanLine(cr.Card.Prompt)+st.faint.Render("  ["+string(cr.Card.Kind)+"]"))
		if cr.State.LastResponse != "" {
			lines = append(lines, "       "+st.faint.Render("last answer: ")+cleanLine(cr.State.LastResponse))
		}
	}
	for i, l := range lines {
		lines[i] = ansiOneLine(l, w)
	}
	return strings.Join(lines, "\n")
}
