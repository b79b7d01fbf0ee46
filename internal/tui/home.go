package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/playdrill/playdrill/internal/playbook"
)

// homeScreen lists the processes and their steps with the rep's standing.
type homeScreen struct {
	c *common
	// selected is the id of the selected step; it survives filtering and
	// reloads, where an index would not.
	selected  string
	filter    textinput.Model
	filtering bool
	keys      homeKeys
	fkeys     filterKeys
}

func newHomeScreen(c *common) *homeScreen {
	ti := textinput.New()
	ti.Prompt = "/ "
	ti.Placeholder = "filter steps"
	return &homeScreen{c: c, filter: ti, keys: newHomeKeys(c.keys), fkeys: newFilterKeys(c.keys)}
}

func (h *homeScreen) KeyMap() help.KeyMap {
	if h.filtering {
		return h.fkeys
	}
	k := h.keys
	// With nothing due and nothing new, d is not offered: it would only
	// say so (it still does, when pressed).
	if p := h.c.progress; p.ok && p.all.Due == 0 && p.all.New == 0 {
		k.nothingToDrill = true
	}
	return k
}

func (h *homeScreen) Typing() bool { return h.filtering }

func (h *homeScreen) Layout() tea.Cmd {
	h.filter.SetWidth(max(h.c.width-4, 10))
	h.filter.SetStyles(h.c.inputStyles())
	return nil
}

// visible returns the steps that match the filter, in playbook order.
func (h *homeScreen) visible() []*playbook.Step {
	if h.c.book == nil {
		return nil
	}
	q := strings.ToLower(strings.TrimSpace(h.filter.Value()))
	var out []*playbook.Step
	for _, p := range h.c.book.Processes {
		for _, s := range p.Steps {
			if q == "" || strings.Contains(strings.ToLower(s.Title), q) || strings.Contains(strings.ToLower(s.ID), q) || strings.Contains(strings.ToLower(p.Title), q) {
				out = append(out, s)
			}
		}
	}
	return out
}

// cursor returns the index of the selected step in steps, selecting the
// first one when the selection is not among them.
func (h *homeScreen) cursor(steps []*playbook.Step) int {
	for i, s := range steps {
		if s.ID == h.selected {
			return i
		}
	}
	if len(steps) > 0 {
		h.selected = steps[0].ID
	}
	return 0
}

// page is how many steps a page key moves: the list's height.
func (h *homeScreen) page() int { return max(h.c.bodyHeight(h.keys)-4, 1) }

// jump moves the selection a page, or to the first or last step.
func (h *homeScreen) jump(msg tea.KeyPressMsg, steps []*playbook.Step, i int) {
	if len(steps) == 0 {
		return
	}
	switch {
	case key.Matches(msg, h.keys.PageUp):
		i = max(i-h.page(), 0)
	case key.Matches(msg, h.keys.PageDown):
		i = min(i+h.page(), len(steps)-1)
	case key.Matches(msg, h.keys.Top):
		i = 0
	default:
		i = len(steps) - 1
	}
	h.selected = steps[i].ID
}

// Scrollable reports whether the step list is longer than the screen, so
// the mouse wheel is worth taking from the terminal.
func (h *homeScreen) Scrollable() bool {
	if h.filtering || h.c.book == nil {
		return false
	}
	n := 0
	for _, p := range h.c.book.Processes {
		n += len(p.Steps) + 2
	}
	return n > h.page()
}

func (h *homeScreen) Update(msg tea.Msg) tea.Cmd {
	if wheel, ok := msg.(tea.MouseWheelMsg); ok && !h.filtering {
		steps := h.visible()
		i := h.cursor(steps)
		switch wheel.Button {
		case tea.MouseWheelUp:
			i = max(i-3, 0)
		case tea.MouseWheelDown:
			i = min(i+3, len(steps)-1)
		}
		if len(steps) > 0 {
			h.selected = steps[i].ID
		}
		return nil
	}
	km, ok := msg.(tea.KeyPressMsg)
	switch {
	case ok && h.filtering:
		return h.filterKey(km)
	case ok:
		return h.key(km)
	case h.filtering:
		// Pastes belong to the filter.
		var cmd tea.Cmd
		h.filter, cmd = h.filter.Update(msg)
		h.cursor(h.visible())
		return cmd
	}
	return nil
}

func (h *homeScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	steps := h.visible()
	i := h.cursor(steps)
	switch {
	case key.Matches(msg, h.keys.Quit):
		return navigate(quitMsg{})
	case key.Matches(msg, h.keys.Up):
		if i > 0 {
			h.selected = steps[i-1].ID
		}
	case key.Matches(msg, h.keys.Down):
		if i < len(steps)-1 {
			h.selected = steps[i+1].ID
		}
	case key.Matches(msg, h.keys.PageUp), key.Matches(msg, h.keys.PageDown),
		key.Matches(msg, h.keys.Top), key.Matches(msg, h.keys.Bottom):
		h.jump(msg, steps, i)
	case key.Matches(msg, h.keys.ClearFilter):
		h.filter.SetValue("")
		h.keys.ClearFilter.SetEnabled(false)
	case key.Matches(msg, h.keys.Open):
		if len(steps) > 0 {
			return navigate(openStepMsg{id: steps[i].ID})
		}
	case key.Matches(msg, h.keys.Drill):
		// Learn, then drill: a step the rep has neither drilled nor read
		// opens on its page first.
		if id := h.c.progress.unreadStep(h.c.read); id != "" {
			return navigate(openStepMsg{id: id, today: true})
		}
		return navigate(startDrillMsg{title: "Today's drill"})
	case key.Matches(msg, h.keys.Progress):
		return navigate(openProgressMsg{})
	case key.Matches(msg, h.keys.Filter):
		h.filtering = true
		return h.filter.Focus()
	}
	return nil
}

func (h *homeScreen) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, h.fkeys.Apply):
		h.filtering = false
		h.filter.Blur()
		// An applied filter stays until esc clears it.
		h.keys.ClearFilter.SetEnabled(h.filter.Value() != "")
		return nil
	case key.Matches(msg, h.fkeys.Clear):
		h.filtering = false
		h.filter.Blur()
		h.filter.SetValue("")
		return nil
	}
	var cmd tea.Cmd
	h.filter, cmd = h.filter.Update(msg)
	h.cursor(h.visible())
	return cmd
}

func (h *homeScreen) View(width, height int) string {
	st := h.c.st
	var top []string
	if h.c.progress.ok {
		p := h.c.progress.all
		counts := func(sep string, bar bool) string {
			ready := percent(p.Readiness)
			if bar {
				ready = st.bar(p.Readiness, 10) + " " + ready
			}
			return st.bold.Render("Due now ") + st.accent.Render(itoa(p.Due)) +
				st.faint.Render(sep) + st.bold.Render("Later today ") + st.accent.Render(itoa(h.c.progress.dueLater)) +
				st.faint.Render(sep) + st.bold.Render("New ") + st.accent.Render(itoa(p.New)) +
				st.faint.Render(sep) + st.bold.Render("Ready ") + ready
		}
		// A narrow terminal keeps the figures and drops the bar.
		line := counts("  ·  ", true)
		if lipgloss.Width(line) > width {
			line = counts(" · ", false)
		}
		top = append(top, line)
	} else {
		top = append(top, st.faint.Render("Loading progress…"))
	}
	if line := h.c.push.line(st); line != "" {
		top = append(top, ansiOneLine(line, width))
	}
	if h.filtering || h.filter.Value() != "" {
		top = append(top, h.filter.View())
	}
	top = append(top, "")
	avail := max(height-len(top), 1)
	return strings.Join(append(top, h.rows(width, avail)...), "\n")
}

// homeRow is a line of the step list: a process heading or a step.
type homeRow struct {
	proc string // set on a heading
	step *playbook.Step
}

// rows draws the part of the step list that fits in avail lines around the
// selected step. Only the visible rows are styled, so a playbook of
// thousands of steps costs no more per frame than a small one.
func (h *homeScreen) rows(width, avail int) (out []string) {
	st := h.c.st
	steps := h.visible()
	i := h.cursor(steps)
	if len(steps) == 0 {
		if h.filter.Value() != "" {
			return []string{st.faint.Render("No step matches the filter.")}
		}
		return []string{st.faint.Render("This playbook has no steps.")}
	}
	var all []homeRow
	sel := 0
	for j, s := range steps {
		if j == 0 || s.Process != steps[j-1].Process {
			if j > 0 {
				all = append(all, homeRow{})
			}
			all = append(all, homeRow{proc: s.Process})
		}
		if j == i {
			sel = len(all)
		}
		all = append(all, homeRow{step: s})
	}
	// A list longer than the screen keeps its last line to say where in
	// it the rep is.
	footer := len(all) > avail && avail > 2
	if footer {
		avail--
	}
	start := 0
	if sel >= avail {
		start = sel - avail/2
	}
	if start+avail > len(all) {
		start = max(len(all)-avail, 0)
	}
	end := min(start+avail, len(all))
	out = make([]string, 0, end-start+1)
	defer func() {
		if footer {
			pos := "step " + itoa(i+1) + " of " + itoa(len(steps))
			switch {
			case end < len(all):
				pos += " · ↓ more below"
			case start > 0:
				pos += " · end"
			}
			out = append(out, padLeft(st.faint.Render(pos), width))
		}
	}()
	for k := start; k < end; k++ {
		r := all[k]
		switch {
		case r.proc != "":
			out = append(out, h.heading(r.proc))
		case r.step != nil:
			out = append(out, h.stepLine(r.step, width, k == sel))
		default:
			out = append(out, "")
		}
	}
	return out
}

func (h *homeScreen) heading(procID string) string {
	name, total := procID, 0
	if p, ok := h.c.book.Process(procID); ok {
		name, total = p.Title, len(p.Steps)
	}
	head := h.c.st.header.Render(cleanLine(name))
	if h.c.progress.ok {
		done := 0
		for _, pp := range h.c.progress.all.Processes {
			if pp.Process != nil && pp.Process.ID == procID {
				done = pp.Done
			}
		}
		head += h.c.st.faint.Render("  " + itoa(done) + "/" + itoa(total) + " done")
	}
	return head
}

// maxTitleWidth is the widest the step list's title column grows.
const maxTitleWidth = 72

// stepLine is one step: marker, status glyph, title, status, readiness.
func (h *homeScreen) stepLine(s *playbook.Step, width int, selected bool) string {
	st := h.c.st
	// Columns: marker(2) glyph(2) title(flex) status(12) bar(11) pct(4).
	// On a wide terminal the title column stops growing, so a step's
	// status stays within a glance of its title.
	titleW := min(max(width-2-2-1-12-11-4, 8), maxTitleWidth)
	sp, known := h.c.progress.step(s.ID)
	glyph, label := sp.Status.Mark(), sp.Status.Label()
	bar := ""
	if known {
		bar = st.bar(sp.Readiness, 10) + " " + padLeft(percent(sp.Readiness), 4)
	} else {
		glyph, label = " ", ""
	}
	title := padRight(cleanLine(s.Title), titleW)
	if selected {
		title = st.bold.Render(title)
	}
	line := glyph + " " + title + " " + padRight(st.faint.Render(label), 12) + bar
	if selected {
		return st.selected.Render("›") + " " + line
	}
	return "  " + line
}

func padLeft(s string, width int) string {
	if n := width - len([]rune(s)); n > 0 {
		return strings.Repeat(" ", n) + s
	}
	return s
}
