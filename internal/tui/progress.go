package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/words"
)

// heatWeeks is how many weeks of drilling the calendar shows.
const heatWeeks = 12

// progressScreen shows readiness per step and process, a calendar of the
// last weeks' drilling and the weakest cards.
type progressScreen struct {
	vp       viewport.Model
	keys     scrollKeys
	gen      int
	loaded   bool
	activity map[string]int
	weakest  []drill.CardReport
}

func newProgressScreen(g globalKeys) progressScreen {
	return progressScreen{vp: viewport.New(), keys: newScrollKeys(g, "back")}
}

func (p *progressScreen) keyMap() help.KeyMap { return p.keys }
func (p *progressScreen) typing() bool        { return false }

func (p *progressScreen) open(m *Model) tea.Cmd {
	p.loaded = false
	p.gen = m.gen
	p.vp.GotoTop()
	return tea.Batch(
		m.goTo(screenProgress),
		loadProgressCmd(m.gen, m.eng),
		progressDataCmd(m.gen, m.eng, m.cfg.Store, m.rep, m.now()),
	)
}

func (p *progressScreen) onData(m *Model, msg progressDataMsg) tea.Cmd {
	if msg.gen != m.gen {
		return nil
	}
	p.loaded = true
	p.activity = msg.activity
	p.weakest = msg.weakest
	if msg.err != nil {
		m.setError("Could not read all progress: " + cleanLine(msg.err.Error()))
	}
	return p.layout(m)
}

func (p *progressScreen) layout(m *Model) tea.Cmd {
	p.vp.SetWidth(m.width)
	p.vp.SetHeight(m.bodyHeight())
	p.vp.SetContent(p.content(m))
	return nil
}

func (p *progressScreen) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Back):
		return m.goTo(screenHome)
	default:
		p.keys.scroll(&p.vp, msg)
	}
	return nil
}

func (p *progressScreen) other(m *Model, msg tea.Msg) tea.Cmd { return nil }

func (p *progressScreen) view(m *Model, width, height int) string { return p.vp.View() }

// content builds the whole progress page; it runs on data or size changes,
// never per frame.
func (p *progressScreen) content(m *Model) string {
	st := m.st
	w := m.width
	var lines []string
	if !m.progOK {
		return st.faint.Render("Loading progress…")
	}
	pr := m.prog
	lines = append(lines, st.header.Render("Readiness ")+st.bar(pr.Readiness, 20)+" "+percent(pr.Readiness)+
		st.faint.Render("   "+words.Count(pr.Attempts, "answer")+" · "+itoa(pr.Due)+" due · "+itoa(pr.New)+" new"))
	titleW := min(max(w-43, 10), 60)
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
			lines = append(lines, "  "+glyph+" "+padRight(cleanLine(sp.Step.Title), titleW)+" "+st.bar(sp.Readiness, 20)+" "+padLeft(percent(sp.Readiness), 4)+" "+st.faint.Render(label))
		}
	}
	lines = append(lines, "", st.header.Render("Last "+itoa(heatWeeks)+" weeks"))
	if p.loaded {
		lines = append(lines, heatmap(st, p.activity, m.now())...)
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

// heatmapRange is the span the calendar covers: from the Monday heatWeeks-1
// weeks before this week's Monday, to now.
func heatmapRange(now time.Time) (time.Time, time.Time) {
	y, mo, d := now.Date()
	today := time.Date(y, mo, d, 0, 0, 0, 0, now.Location())
	offset := (int(today.Weekday()) + 6) % 7 // days since Monday
	monday := today.AddDate(0, 0, -offset)
	return monday.AddDate(0, 0, -7*(heatWeeks-1)), now
}

// heatmap draws one row per weekday and one column per week, darker for
// more answers that day.
func heatmap(st styles, activity map[string]int, now time.Time) []string {
	from, _ := heatmapRange(now)
	glyphs := []string{"·", "░", "▒", "▓", "█"}
	days := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	total := 0
	var lines []string
	for wd := range 7 {
		var b strings.Builder
		b.WriteString(st.faint.Render(days[wd]) + " ")
		for wk := range heatWeeks {
			day := from.AddDate(0, 0, wk*7+wd)
			if day.After(now) {
				b.WriteString("  ")
				continue
			}
			n := activity[day.Format("2006-01-02")]
			total += n
			lvl := heatLevel(n)
			b.WriteString(st.heat[lvl].Render(glyphs[lvl]) + " ")
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	legend := st.faint.Render("    less ")
	for i, g := range glyphs {
		legend += st.heat[i].Render(g) + " "
	}
	legend += st.faint.Render("more   " + words.Count(total, "answer"))
	return append(lines, legend)
}

func heatLevel(n int) int {
	switch {
	case n <= 0:
		return 0
	case n <= 2:
		return 1
	case n <= 5:
		return 2
	case n <= 9:
		return 3
	}
	return 4
}
