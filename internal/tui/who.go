package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// whoScreen asks who is drilling when the database holds several reps and
// none was named.
type whoScreen struct {
	reps   []string
	cursor int
	adding bool
	input  textinput.Model
	keys   listKeys
	ikeys  inputKeys
}

func newWhoScreen(g globalKeys, reps []string, deflt string) whoScreen {
	ti := textinput.New()
	ti.Prompt = "Name: "
	ti.Placeholder = deflt
	ti.CharLimit = 100
	w := whoScreen{reps: reps, input: ti, keys: newListKeys(g, "choose", "quit"), ikeys: newInputKeys(g, "add rep")}
	for i, r := range reps {
		if r == deflt {
			w.cursor = i
		}
	}
	return w
}

func (w *whoScreen) keyMap() help.KeyMap {
	if w.adding {
		return w.ikeys
	}
	return w.keys
}

func (w *whoScreen) typing() bool            { return w.adding }
func (w *whoScreen) layout(m *Model) tea.Cmd { return nil }

func (w *whoScreen) key(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	if w.adding {
		return w.addKey(m, msg)
	}
	n := len(w.reps) + 1 // the last row adds a rep
	switch {
	case key.Matches(msg, w.keys.Back):
		return m.quit()
	case key.Matches(msg, w.keys.Up):
		w.cursor = max(w.cursor-1, 0)
	case key.Matches(msg, w.keys.Down):
		w.cursor = min(w.cursor+1, n-1)
	case key.Matches(msg, w.keys.Choose):
		if w.cursor == len(w.reps) {
			w.adding = true
			return w.input.Focus()
		}
		return w.choose(m, w.reps[w.cursor])
	}
	return nil
}

func (w *whoScreen) addKey(m *Model, msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, w.ikeys.Cancel):
		w.adding = false
		w.input.Blur()
		return nil
	case key.Matches(msg, w.ikeys.Save):
		name := cleanLine(strings.TrimSpace(w.input.Value()))
		if name == "" {
			name = w.input.Placeholder
		}
		if name == "" {
			return nil
		}
		w.adding = false
		w.input.Blur()
		return w.choose(m, name)
	}
	var cmd tea.Cmd
	w.input, cmd = w.input.Update(msg)
	return cmd
}

func (w *whoScreen) choose(m *Model, rep string) tea.Cmd {
	cmd := m.useRep(rep)
	return tea.Batch(cmd, m.goTo(screenHome), m.startRequested())
}

func (w *whoScreen) other(m *Model, msg tea.Msg) tea.Cmd {
	if !w.adding {
		return nil
	}
	var cmd tea.Cmd
	w.input, cmd = w.input.Update(msg)
	return cmd
}

func (w *whoScreen) view(m *Model, width, height int) string {
	st := m.st
	lines := []string{st.header.Render("Who is drilling?"), st.faint.Render("This database holds several reps' progress."), ""}
	rows := append(append([]string(nil), w.reps...), "+ a new rep")
	for i, r := range rows {
		r = cleanLine(r)
		if i == w.cursor {
			lines = append(lines, st.selected.Render("›")+" "+st.bold.Render(r))
		} else {
			lines = append(lines, "  "+r)
		}
	}
	if w.adding {
		lines = append(lines, "", w.input.View())
	}
	return strings.Join(lines, "\n")
}
